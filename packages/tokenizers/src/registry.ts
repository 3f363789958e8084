import { Registry } from '@ksub/core';
import type { Tokenizer } from './tokenizer';

/** Loads a tokenizer (reading its files); the registry calls it once per name. */
export type TokenizerLoader = () => Promise<Tokenizer>;

const loaders = new Registry<TokenizerLoader>({
  noun: 'a tokenizer',
  register: 'registerTokenizer',
  get: 'getTokenizer',
  value: 'loader',
});
const loaded = new Map<string, Promise<Tokenizer>>();

/**
 * Adds a tokenizer under `name` (kebab-case). A name already taken is an error, never a silent
 * overwrite.
 *
 * @throws RegistryError when `name` is taken; TypeError when `name` or `loader` is malformed
 * @example
 * ```ts
 * registerTokenizer('my-roberta', () => loadHfTokenizer('models/roberta-base'));
 * ```
 */
export function registerTokenizer(name: string, loader: TokenizerLoader): void {
  loaders.register(name, loader);
}

/**
 * The tokenizer registered as `name`, loaded on first use and shared afterwards.
 *
 * @throws RegistryError naming the unknown name and listing the known ones
 * @example
 * ```ts
 * const tok = await getTokenizer('roberta-gpt2');
 * ```
 */
export function getTokenizer(name: string): Promise<Tokenizer> {
  let loader: TokenizerLoader;
  try {
    loader = loaders.get(name);
  } catch (error) {
    return Promise.reject(error);
  }
  let promise = loaded.get(name);
  if (promise === undefined) {
    promise = loader();
    loaded.set(name, promise);
    promise.catch(() => loaded.delete(name)); // a failed load may be retried
  }
  return promise;
}

/** The registered tokenizer names, sorted. */
export function listTokenizers(): string[] {
  return loaders.list();
}

/** Removes a registration and its loaded instance; returns whether the name was registered. */
export function unregisterTokenizer(name: string): boolean {
  loaded.delete(name);
  return loaders.unregister(name);
}
