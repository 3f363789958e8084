/**
 * Layout of the shared Int32Array through which the calling thread hands a batched product to the
 * worker threads: a generation counter workers wait on, a claim counter, a done counter, and the
 * product's arguments. Shared by the pool (TypeScript) and the worker source (a string).
 */
export const CONTROL = {
  /** bumped once per dispatched product; workers `Atomics.wait` on it */
  GEN: 0,
  /** next chunk to claim (`Atomics.add`); parked at {@link PARKED} between products */
  NEXT: 1,
  /** chunks finished; the caller waits for it to reach CHUNKS */
  DONE: 2,
  CHUNKS: 3,
  /** workers that have instantiated the kernel */
  READY: 4,
  /** non-zero: workers exit */
  STOP: 5,
  /** which chunk function: {@link OPS} */
  OP: 6,
  /** the chunk function's arguments (before the chunk index) from here */
  ARGS: 7,
  LENGTH: 20,
} as const;

/** Value NEXT holds between products, so a late worker's claim can never be a valid chunk. */
export const PARKED = 1 << 30;

/** Chunk functions of the kernel module that threads can run, by op code. */
export const OPS = [
  'batchGemmChunk',
  'softmaxXentChunk',
  'transposeChunk',
  'gatherSumChunk',
  'scatterChunk',
  'attentionSoftmaxChunk',
  'attentionSoftmaxGradChunk',
  'biasGeluChunk',
  'geluGradChunk',
  'addLayerNormChunk',
  'layerNormGradChunk',
  'adamwChunk',
] as const;

/** Arguments each op takes before the chunk index. */
export const OP_ARITY = [9, 9, 6, 7, 7, 10, 8, 6, 4, 10, 7, 12] as const;
