import type { KernelWorker } from './threads';

/**
 * The browser's stand-in for `threads.ts`: the kernel runs on the calling thread only. A page's
 * main thread may not block on `Atomics.wait`, which a synchronous product split across Web Workers
 * would need, so the browser build starts no workers; `threads` above 1 is refused.
 */

export type { KernelWorker } from './threads';

/** Whether this runtime can start kernel workers (browsers: no). */
export const WORKERS_AVAILABLE = false;

/** One: the calling thread (see the note above). */
export function coreCount(): number {
  return 1;
}

/** Browsers have no environment variables. */
export function threadsSetting(): string | undefined {
  return undefined;
}

/** @throws Error always: worker threads are not started in browsers. */
export function startKernelWorker(_source: string, _data: unknown): KernelWorker {
  throw new Error(
    'SimdKernel: worker threads are not started in browsers; create the kernel with threads: 1',
  );
}
