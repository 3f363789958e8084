import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` with `backend` active and restores the previous backend afterwards — how ksub tests
 * check each backend-specific primitive against the cpu backend. The backend must be registered
 * (call `initBackend` or import its package first).
 *
 * @example
 * ```ts
 * const reference = await withBackend('cpu', () => matMul(a, b).array());
 * ```
 */
export async function withBackend<T>(backend: string, fn: () => T | Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  if (!(await tf.setBackend(backend))) throw new Error(`withBackend: backend ${backend} could not start`);
  try {
    return await fn();
  } finally {
    await tf.setBackend(previous);
  }
}
