import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { productGradients, type Product } from './product-gradients';

// Which products productGradients asks for, derived by hand from C = op(A)·op(B):
//   neither transposed  dA = dC·Bᵀ      dB = Aᵀ·dC
//   B transposed        dA = dC·B       dB = dCᵀ·A
//   A transposed        dA = B·dCᵀ      dB = A·dC
//   both transposed     dA = Bᵀ·dCᵀ     dB = dCᵀ·Aᵀ
// (values are checked against tf.matMul's own gradient in primitives.spec.ts and simd-mat-mul.spec.ts).

beforeAll(async () => {
  await initBackend({ backend: 'cpu', log: null });
});

describe('productGradients', () => {
  it.each([
    [false, false, ['dC·Bᵀ', 'Aᵀ·dC']],
    [false, true, ['dC·B', 'dCᵀ·A']],
    [true, false, ['B·dCᵀ', 'A·dC']],
    [true, true, ['Bᵀ·dCᵀ', 'dCᵀ·Aᵀ']],
  ] as const)('transposeA %s, transposeB %s: [dA, dB] = %j', (transposeA, transposeB, expected) => {
    const [a, b, dc] = [tf.scalar(1), tf.scalar(2), tf.scalar(3)];
    const names = new Map<tf.Tensor, string>([
      [a, 'A'],
      [b, 'B'],
      [dc, 'dC'],
    ]);
    const calls: string[] = [];
    const recording: Product = (x, y, tx, ty) => {
      calls.push(`${names.get(x)}${tx ? 'ᵀ' : ''}·${names.get(y)}${ty ? 'ᵀ' : ''}`);
      return x;
    };
    productGradients(recording, dc, a, b, { transposeA, transposeB });
    expect(calls).toEqual(expected);
  });
});
