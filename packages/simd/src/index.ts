export { defaultFma, defaultThreads, fmaSupported, SimdKernel } from './simd-kernel';
export type { SimdKernelOptions } from './simd-kernel';
