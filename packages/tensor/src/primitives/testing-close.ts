import type * as tf from '@tensorflow/tfjs-core';

// Helpers the primitive specs share (not exported from the package).

/** A tensor's values as a plain array. */
export const flat = async (t: tf.Tensor): Promise<number[]> => Array.from(await t.data());

/** Asserts equal lengths and a largest absolute difference of at most `tol`. */
export function expectClose(actual: number[], expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (expected[i] as number)))));
  expect(worst).toBeLessThanOrEqual(tol);
}
