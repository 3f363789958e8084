import {
  type DataType,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  registerKernel,
  type TensorInfo,
  type TypedArray,
  UnsortedSegmentSum,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
} from '@tensorflow/tfjs-core';

/** The two methods of the WebAssembly backend this kernel uses (its tensors live in the wasm heap). */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): TypedArray;
}

/**
 * `UnsortedSegmentSum` for the WebAssembly backend, which ships without it — and `tf.gather`'s
 * gradient (every embedding lookup) is a segment sum. Sums rows of `x` ([n, ...inner]) into
 * `numSegments` rows by `segmentIds` ([n], int32); ids outside [0, numSegments) are dropped, as
 * TensorFlow does. One pass in JavaScript over views of the wasm heap (no copies): the output is
 * made first, because allocating can grow the heap and detach earlier views.
 */
const unsortedSegmentSumWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, segmentIds } = inputs as unknown as UnsortedSegmentSumInputs & {
    x: TensorInfo;
    segmentIds: TensorInfo;
  };
  const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
  const wasm = backend as unknown as WasmHeapBackend;
  const inner = x.shape.slice(segmentIds.shape.length).reduce((a, b) => a * b, 1);
  const out = wasm.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
  const target = wasm.typedArrayFromHeap(out);
  target.fill(0);
  const source = wasm.typedArrayFromHeap(x);
  const ids = wasm.typedArrayFromHeap(segmentIds);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i] as number;
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let c = 0; c < inner; c++)
      target[to + c] = (target[to + c] as number) + (source[from + c] as number);
  }
  return out;
};

/** Kernel config of {@link unsortedSegmentSumWasm}. */
export const unsortedSegmentSumWasmConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSumWasm,
};

/** Registers the kernel fills the WebAssembly backend needs, once (idempotent). */
export function registerWasmKernelFills(): void {
  if (getKernel(UnsortedSegmentSum, 'wasm') === undefined) registerKernel(unsortedSegmentSumWasmConfig);
}
