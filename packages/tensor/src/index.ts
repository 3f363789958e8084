export { activeBackend, BACKEND_ORDER, initBackend } from './backend';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend';
export { registerWasmKernelFills, unsortedSegmentSumWasmConfig } from './kernels/unsorted-segment-sum-wasm';
export { matMul, matMulExplicit } from './primitives/mat-mul';
export { sparseSoftmaxCrossEntropy } from './primitives/sparse-cross-entropy';
export { withBackend } from './primitives/with-backend';
export { sumGatheredColumns } from './primitives/sum-gathered-columns';
export { simdKernel, simdMatMul } from './primitives/simd-mat-mul';
