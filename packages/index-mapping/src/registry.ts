import { Registry } from '@ksub/core';
import type { Allocator, AllocatorFactory } from './allocator';

const allocators = new Registry<AllocatorFactory>({
  noun: 'an allocator',
  register: 'registerAllocator',
  get: 'getAllocator',
  value: 'factory',
});

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
  allocators.register(name, factory);
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
  return allocators.get(name)();
}

/** The registered allocator names, sorted. */
export function listAllocators(): string[] {
  return allocators.list();
}

/** Removes a registration (for tests and plugins that replace themselves); returns whether it existed. */
export function unregisterAllocator(name: string): boolean {
  return allocators.unregister(name);
}
