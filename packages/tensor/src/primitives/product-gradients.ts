import * as tf from '@tensorflow/tfjs-core';

/** A matrix product with transpose flags: op(a)·op(b). */
export type Product = (a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean) => tf.Tensor;

/** Which factors of op(a)·op(b) are transposed. */
export interface ProductTransposes {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/**
 * Gradients [dA, dB] of C = op(A)·op(B) given dC, each again a product (so a caller keeps its
 * kernel for the backward pass): with no flags dA = dC·Bᵀ and dB = Aᵀ·dC; the other three flag
 * combinations follow by transposing those.
 */
export function productGradients(
  product: Product,
  dc: tf.Tensor,
  a: tf.Tensor,
  b: tf.Tensor,
  transposes: ProductTransposes,
): [tf.Tensor, tf.Tensor] {
  const { transposeA, transposeB } = transposes;
  if (!transposeA && !transposeB) return [product(dc, b, false, true), product(a, dc, true, false)];
  if (!transposeA && transposeB) return [product(dc, b, false, false), product(dc, a, true, false)];
  if (transposeA && !transposeB) return [product(b, dc, false, true), product(a, dc, false, false)];
  return [product(b, dc, true, true), product(dc, a, true, true)];
}

/** op(a)·op(b) computed by `product` in both passes: a custom gradient from {@link productGradients}. */
export function differentiableProduct(
  product: Product,
  a: tf.Tensor,
  b: tf.Tensor,
  transposeA: boolean,
  transposeB: boolean,
): tf.Tensor {
  const transposes: ProductTransposes = { transposeA, transposeB };
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([x, y]);
    return {
      value: product(x, y, transposeA, transposeB),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
        return productGradients(product, dy, sa, sb, transposes);
      },
    };
  });
  return f(a, b);
}
