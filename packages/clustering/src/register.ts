// Side effect: registers the clustered allocator (Algorithm 2) in @ksub/index-mapping's registry.
import { registerAllocator } from '@ksub/index-mapping';
import { ClusteredAllocator } from './clustered-allocator';

registerAllocator('clustered', () => new ClusteredAllocator());
