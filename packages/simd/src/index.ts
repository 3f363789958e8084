export { defaultThreads, SimdKernel } from './simd-kernel';
export type { SimdKernelOptions } from './simd-kernel';
