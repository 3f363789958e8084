import { Registry } from '@ksub/core';
import type { CorpusSource } from './corpus-source';

const corpora = new Registry<() => CorpusSource>({
  noun: 'a corpus',
  register: 'registerCorpus',
  get: 'getCorpus',
  value: 'factory',
});

/**
 * Adds a corpus under `name` (kebab-case); a taken name is an error, never an overwrite.
 *
 * @throws RegistryError when `name` is taken; TypeError when it is malformed
 * @example
 * ```ts
 * registerCorpus('my-notes', () => textFilesSource(['notes/'], 'my-notes'));
 * ```
 */
export function registerCorpus(name: string, factory: () => CorpusSource): void {
  corpora.register(name, factory);
}

/**
 * The corpus registered as `name`.
 *
 * @throws RegistryError naming the unknown name and listing the known ones
 * @example
 * ```ts
 * getCorpus('english-offline').description;
 * ```
 */
export function getCorpus(name: string): CorpusSource {
  return corpora.get(name)();
}

/** The registered corpus names, sorted. */
export function listCorpora(): string[] {
  return corpora.list();
}

/** Removes a registration; returns whether it existed. */
export function unregisterCorpus(name: string): boolean {
  return corpora.unregister(name);
}
