// Side effect: registers the built-in allocators. Imported once by the package entry point.
import { RadixAllocator } from './allocators/radix';
import { ScatteredAllocator } from './allocators/scattered';
import { listAllocators, registerAllocator } from './registry';

if (!listAllocators().includes('radix')) {
  registerAllocator('radix', () => new RadixAllocator());
  registerAllocator('scattered', () => new ScatteredAllocator());
}
