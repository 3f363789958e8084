import { assert, describe } from './assert';
import { RegistryError } from './errors';

/** How a {@link Registry} names itself in error messages. */
export interface RegistryNames {
  /** The thing registered, with its article: `an allocator`, `a tokenizer`. */
  readonly noun: string;
  /** Public name of the registering function (e.g. `registerAllocator`). */
  readonly register: string;
  /** Public name of the lookup function (e.g. `getAllocator`). */
  readonly get: string;
  /** What the registered value is called (e.g. `factory`, `loader`). */
  readonly value: string;
}

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * A name → value registry with the rules every ksub registry follows: kebab-case names, a taken name
 * is an error (never a silent overwrite), an unknown name is an error listing the known ones. The
 * allocator, tokenizer and corpus registries are instances of it.
 *
 * @example
 * ```ts
 * const allocators = new Registry<() => Allocator>({ noun: 'an allocator', register: 'registerAllocator',
 *   get: 'getAllocator', value: 'factory' });
 * allocators.register('radix', () => new RadixAllocator());
 * ```
 */
export class Registry<T extends (...args: never[]) => unknown> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly names: RegistryNames) {}

  /**
   * Adds `value` under `name`.
   * @throws TypeError for a malformed name or a value that is not a function; RegistryError for a taken name
   */
  register(name: string, value: T): void {
    const { register, noun } = this.names;
    assert(
      typeof name === 'string' && NAME.test(name),
      () => `${register}: name must be kebab-case (e.g. "my-method"); got ${describe(name)}`,
      TypeError,
    );
    assert(
      typeof value === 'function',
      () => `${register}: ${this.names.value} must be a function; got ${describe(value)}`,
      TypeError,
    );
    if (this.entries.has(name))
      throw new RegistryError(`${register}: ${noun} named ${describe(name)} is already registered`);
    this.entries.set(name, value);
  }

  /**
   * The value registered as `name`.
   * @throws RegistryError naming the unknown name and listing the known ones
   */
  get(name: string): T {
    const value = this.entries.get(name);
    if (value === undefined) {
      const kind = this.names.noun.replace(/^an? /, '');
      throw new RegistryError(
        `${this.names.get}: no ${kind} named ${describe(name)}; known: ${this.list().join(', ') || '(none)'}`,
      );
    }
    return value;
  }

  /** The registered names, sorted. */
  list(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Removes a registration; returns whether the name was registered. */
  unregister(name: string): boolean {
    return this.entries.delete(name);
  }
}
