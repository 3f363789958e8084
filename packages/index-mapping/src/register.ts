// Side effect: registers the built-in allocators. Imported once by the package entry point.
import { RadixAllocator } from './allocators/radix';
import { ScatteredAllocator } from './allocators/scattered';
import { registerAllocator } from './registry';

registerAllocator('radix', () => new RadixAllocator());
registerAllocator('scattered', () => new ScatteredAllocator());
