import { assert, describe, RegistryError } from '@ksub/core';
import type { Tokenizer } from './tokenizer';

/** Loads a tokenizer (reading its files); the registry calls it once per name. */
export type TokenizerLoader = () => Promise<Tokenizer>;

const loaders = new Map<string, TokenizerLoader>();
const loaded = new Map<string, Promise<Tokenizer>>();
const NAME = /^[a-z][a-z0-9-]*$/;

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
  assert(
    typeof name === 'string' && NAME.test(name),
    () => `registerTokenizer: name must be kebab-case (e.g. "my-tokenizer"); got ${describe(name)}`,
    TypeError,
  );
  assert(
    typeof loader === 'function',
    () => `registerTokenizer: loader must be a function; got ${describe(loader)}`,
    TypeError,
  );
  if (loaders.has(name))
    throw new RegistryError(`registerTokenizer: a tokenizer named ${describe(name)} is already registered`);
  loaders.set(name, loader);
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
  const loader = loaders.get(name);
  if (loader === undefined) {
    return Promise.reject(
      new RegistryError(
        `getTokenizer: no tokenizer named ${describe(name)}; known: ${listTokenizers().join(', ') || '(none)'}`,
      ),
    );
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
  return [...loaders.keys()].sort();
}

/** Removes a registration and its loaded instance; returns whether the name was registered. */
export function unregisterTokenizer(name: string): boolean {
  loaded.delete(name);
  return loaders.delete(name);
}
