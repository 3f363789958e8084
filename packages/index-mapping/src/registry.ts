import { assert, describe, RegistryError } from '@ksub/core';
import type { Allocator, AllocatorFactory } from './allocator';

const factories = new Map<string, AllocatorFactory>();
const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Adds an allocator under `name`. Names are kebab-case; a name already taken is an error, never
 * a silent overwrite.
 *
 * @throws RegistryError when `name` is taken; TypeError when `name` or `factory` is malformed
 * @example
 * ```ts
 * registerAllocator('my-method', () => new MyAllocator());
 * ```
 */
export function registerAllocator(name: string, factory: AllocatorFactory): void {
  assert(
    typeof name === 'string' && NAME.test(name),
    () => `registerAllocator: name must be kebab-case (e.g. "my-method"); got ${describe(name)}`,
    TypeError,
  );
  assert(
    typeof factory === 'function',
    () => `registerAllocator: factory must be a function; got ${describe(factory)}`,
    TypeError,
  );
  if (factories.has(name)) {
    throw new RegistryError(`registerAllocator: an allocator named ${describe(name)} is already registered`);
  }
  factories.set(name, factory);
}

/**
 * A fresh instance of the allocator registered as `name`.
 *
 * @throws RegistryError naming the unknown name and listing the known ones
 * @example
 * ```ts
 * const allocation = await getAllocator('scattered').allocate({ numTokens: 100, numTables: 2, dim: 8, seed: 3 });
 * ```
 */
export function getAllocator(name: string): Allocator {
  const factory = factories.get(name);
  if (factory === undefined) {
    throw new RegistryError(
      `getAllocator: no allocator named ${describe(name)}; known: ${listAllocators().join(', ') || '(none)'}`,
    );
  }
  return factory();
}

/** The registered allocator names, sorted. */
export function listAllocators(): string[] {
  return [...factories.keys()].sort();
}

/**
 * Removes a registration (for tests and plugins that replace themselves); returns whether the
 * name was registered.
 */
export function unregisterAllocator(name: string): boolean {
  return factories.delete(name);
}
