import { assert, describe, RegistryError } from '@ksub/core';
import type { CorpusSource } from './corpus-source';

const factories = new Map<string, () => CorpusSource>();

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
  assert(
    typeof name === 'string' && /^[a-z][a-z0-9-]*$/.test(name),
    () => `registerCorpus: name must be kebab-case (e.g. "my-corpus"); got ${describe(name)}`,
    TypeError,
  );
  assert(
    typeof factory === 'function',
    () => `registerCorpus: factory must be a function; got ${describe(factory)}`,
    TypeError,
  );
  if (factories.has(name))
    throw new RegistryError(`registerCorpus: a corpus named ${describe(name)} is already registered`);
  factories.set(name, factory);
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
  const factory = factories.get(name);
  if (factory === undefined) {
    throw new RegistryError(
      `getCorpus: no corpus named ${describe(name)}; known: ${listCorpora().join(', ') || '(none)'}`,
    );
  }
  return factory();
}

/** The registered corpus names, sorted. */
export function listCorpora(): string[] {
  return [...factories.keys()].sort();
}

/** Removes a registration; returns whether it existed. */
export function unregisterCorpus(name: string): boolean {
  return factories.delete(name);
}
