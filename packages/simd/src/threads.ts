import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Where {@link SimdKernel} gets its threads, in Node: `worker_threads` over the shared memory. The
 * browser build uses `threads.browser.ts` in its place (same exports, no `node:` module).
 */

/** A started kernel worker: what the kernel needs of it. */
export interface KernelWorker {
  terminate(): Promise<unknown>;
}

/** Whether this runtime can start kernel workers (Node: yes). */
export const WORKERS_AVAILABLE = true;

/** The number of cores (`os.availableParallelism()`). */
export function coreCount(): number {
  return availableParallelism();
}

/** The `KSUB_THREADS` environment variable, if set. */
export function threadsSetting(): string | undefined {
  return process.env['KSUB_THREADS'];
}

/**
 * Starts a worker thread running `source` (CommonJS) with `data` as its `workerData`. The worker
 * gets no Node options of its parent (`execArgv: []`): it needs none, and a loader such as
 * `-r @swc-node/register` would cost each worker about 0.45 s of CPU and 60–75 MB to start.
 * V8 flags, such as the relaxed-SIMD one, are process-wide and still apply.
 */
export function startKernelWorker(source: string, data: unknown): KernelWorker {
  const worker = new Worker(source, { eval: true, workerData: data, execArgv: [] });
  worker.unref();
  return worker;
}
