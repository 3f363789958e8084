import { assertInteger } from '@ksub/core';
import { defaultThreads } from '@ksub/simd';

/**
 * The `threads` option of a public function, validated: the value given, else `KSUB_THREADS`, else
 * every core (`defaultThreads` of `@ksub/simd`; 1 in a browser). Results do not depend on it.
 *
 * @param fn - the public function, for messages
 * @throws TypeError (not a number) or RangeError (not an integer ≥ 1) naming `options.threads`;
 *   Error naming `KSUB_THREADS` when that is set to anything but a positive integer
 * @example
 * ```ts
 * resolveThreads('kmeans', 2); // 2
 * resolveThreads('kmeans', 0); // RangeError: kmeans: options.threads must be an integer >= 1; got 0
 * ```
 */
export function resolveThreads(fn: string, threads: unknown): number {
  if (threads === undefined) return defaultThreads();
  assertInteger(fn, 'options.threads', threads, { min: 1 });
  return threads;
}
