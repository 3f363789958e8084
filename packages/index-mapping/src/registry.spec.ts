import { RegistryError } from '@ksub/core';
import { RadixAllocator } from './allocators/radix';
import './register';
import { getAllocator, listAllocators, registerAllocator, unregisterAllocator } from './registry';

describe('allocator registry', () => {
  afterEach(() => {
    unregisterAllocator('test-method');
  });

  it('has the built-ins registered', () => {
    expect(listAllocators()).toEqual(expect.arrayContaining(['radix', 'scattered']));
    expect(getAllocator('radix').name).toBe('radix');
    expect(getAllocator('scattered').randomized).toBe(true);
  });

  it('registers, lists and returns fresh instances', () => {
    registerAllocator('test-method', () => new RadixAllocator());
    expect(listAllocators()).toContain('test-method');
    expect(getAllocator('test-method')).not.toBe(getAllocator('test-method'));
  });

  it('throws on a duplicate name instead of overwriting', () => {
    expect(() => registerAllocator('radix', () => new RadixAllocator())).toThrow(
      new RegistryError('registerAllocator: an allocator named "radix" is already registered'),
    );
  });

  it('throws on an unknown name, listing the known ones', () => {
    expect(() => getAllocator('radx')).toThrow(
      /getAllocator: no allocator named "radx"; known: .*radix, scattered/,
    );
  });

  it('rejects malformed names and factories', () => {
    expect(() => registerAllocator('My Method', () => new RadixAllocator())).toThrow(
      'registerAllocator: name must be kebab-case (e.g. "my-method"); got "My Method"',
    );
    expect(() => registerAllocator('ok-name', 3 as unknown as () => RadixAllocator)).toThrow(TypeError);
  });
});
