import './register';

export type { AllocationProgress, AllocationRequest, Allocator, AllocatorFactory } from './allocator';
export { getAllocator, listAllocators, registerAllocator, unregisterAllocator } from './registry';
export { minimalRows } from './minimal-rows';
export { splitWidth } from './split-width';
export { normalizeRequest, resolveRows } from './normalize-request';
export type { NormalizedRequest } from './normalize-request';
export { RadixAllocator } from './allocators/radix';
export { ScatteredAllocator } from './allocators/scattered';
export { digitCodes } from './allocators/digit-codes';
export { countCollisions, embeddingParams, sharingProfile } from './measures';
export type { SharingProfile, SharingProfileOptions } from './measures';
export {
  ALLOCATION_FORMAT_VERSION,
  ALLOCATION_MAGIC,
  decodeAllocation,
  encodeAllocation,
} from './allocation-file';
