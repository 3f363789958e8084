import * as tf from '@tensorflow/tfjs-core';
import { describe } from '@ksub/core';
import { sparseSoftmaxCrossEntropy } from './sparse-cross-entropy';
import { matMul } from './mat-mul';
import { checkDecoderClaim, claimDecoderMemory, decoderKernel } from './decoder-kernel';

function check(
  fn: string,
  hidden: tf.Tensor,
  weight: tf.Tensor,
  bias: tf.Tensor | null,
  labels: tf.Tensor,
): void {
  const [n, d] = hidden.shape as [number, number];
  if (hidden.rank !== 2 || n < 1)
    throw new RangeError(`${fn}: hidden must be [n ≥ 1, d]; got ${describe(hidden.shape)}`);
  if (weight.rank !== 2 || weight.shape[1] !== d)
    throw new RangeError(`${fn}: weight must be [classes, ${d}]; got ${describe(weight.shape)}`);
  if (bias !== null && (bias.rank !== 1 || bias.shape[0] !== weight.shape[0]))
    throw new RangeError(`${fn}: bias must be [${weight.shape[0]}]; got ${describe(bias.shape)}`);
  if (labels.rank !== 1 || labels.shape[0] !== n || labels.dtype !== 'int32')
    throw new RangeError(`${fn}: labels must be int32 [${n}]; got ${labels.dtype} ${describe(labels.shape)}`);
}

/**
 * Mean softmax cross-entropy of the logits hidden · weightᵀ + bias against `labels`, as one op: a
 * tied decoder and its loss (hidden [n, d], weight [classes, d], bias [classes] or null). On the
 * SIMD kernel the [n × classes] logits never leave its memory: product, bias, softmax, loss and
 * dLogits in one pass; the backward products dHidden = dL · W and dW = dLᵀ · hidden (and
 * dBias = Σ rows of dL) run on the kernel with its own transposes. This saves the copies of the
 * logits and their gradient in and out of TF.js (15M values each at MLM scale). Elsewhere it is
 * {@link sparseSoftmaxCrossEntropy} of {@link matMul}.
 *
 * @throws RangeError naming the argument whose shape does not fit, or a label outside [0, classes).
 * @example
 * ```ts
 * const loss = linearSoftmaxCrossEntropy(maskedHidden, embeddingTable, decoderBias, labels);
 * ```
 */
export function linearSoftmaxCrossEntropy(
  hidden: tf.Tensor2D,
  weight: tf.Tensor2D,
  bias: tf.Tensor1D | null,
  labels: tf.Tensor1D,
): tf.Scalar {
  const fn = 'linearSoftmaxCrossEntropy';
  check(fn, hidden, weight, bias, labels);
  const kernel = decoderKernel();
  if (kernel === null || hidden.dtype !== 'float32' || weight.dtype !== 'float32')
    return tf.tidy(() => {
      const logits = matMul(hidden, weight, false, true);
      return sparseSoftmaxCrossEntropy(bias === null ? logits : tf.add(logits, bias), labels);
    });
  const [n, d] = hidden.shape as [number, number];
  const classes = weight.shape[0] as number;
  const ids = labels.dataSync() as Int32Array;
  ids.forEach((label, i) => {
    if (!(label >= 0 && label < classes))
      throw new RangeError(`${fn}: labels[${i}] must be in [0, ${classes}); got ${label}`);
  });
  const inputs = bias === null ? [hidden, weight] : [hidden, weight, bias];
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const h = (args[0] as tf.Tensor).dataSync() as Float32Array;
    const w = (args[1] as tf.Tensor).dataSync() as Float32Array;
    const b = bias === null ? null : ((args[2] as tf.Tensor).dataSync() as Float32Array);
    // forward regions: h, W, logits → dL (in place), labels, losses, bias
    const hAt = kernel.base;
    const wAt = hAt + n * d * 4;
    const lAt = wAt + classes * d * 4;
    const labelsAt = lAt + n * classes * 4;
    const lossAt = labelsAt + n * 4;
    const biasAt = lossAt + n * 4;
    kernel.ensure(biasAt + classes * 4 - kernel.base);
    kernel.f32(hAt, n * d).set(h);
    kernel.f32(wAt, classes * d).set(w);
    new Int32Array(kernel.f32(labelsAt, n).buffer, labelsAt, n).set(ids);
    if (b !== null) kernel.f32(biasAt, classes).set(b);
    kernel.batchGemmNT(hAt, wAt, lAt, 1, n, classes, d);
    kernel.softmaxXent(lAt, n, classes, labelsAt, lossAt, lAt, 1 / n, b === null ? 0 : biasAt);
    let total = 0;
    kernel.f32(lossAt, n).forEach((l) => (total += l));
    const call = claimDecoderMemory(); // dLogits stay at lAt until the next claim
    return {
      value: tf.scalar(total / n),
      gradFunc: (dy: tf.Scalar) => {
        const s = dy.dataSync()[0] as number;
        checkDecoderClaim(fn, call);
        // backward regions after the forward ones (h, W, dL stay): dLᵀ, Wᵀ, hᵀ, ones, dH, dW, dBias
        const dltAt = biasAt + classes * 4;
        const wtAt = dltAt + n * classes * 4;
        const htAt = wtAt + classes * d * 4;
        const onesAt = htAt + n * d * 4;
        const dhAt = onesAt + n * 4;
        const dwAt = dhAt + n * d * 4;
        const dbAt = dwAt + classes * d * 4;
        kernel.ensure(dbAt + classes * 4 - kernel.base);
        kernel.f32(onesAt, n).fill(s);
        kernel.transpose(lAt, 1, n, classes, dltAt);
        kernel.transpose(wAt, 1, classes, d, wtAt);
        kernel.transpose(hAt, 1, n, d, htAt);
        kernel.batchGemmNT(lAt, wtAt, dhAt, 1, n, d, classes); // dH = dL · W
        kernel.batchGemmNT(dltAt, htAt, dwAt, 1, classes, d, n); // dW = dLᵀ · h
        const scale = (values: Float32Array) => (s === 1 ? values : values.map((v) => v * s));
        const grads: tf.Tensor[] = [
          tf.tensor2d(scale(kernel.f32(dhAt, n * d).slice()), [n, d]),
          tf.tensor2d(scale(kernel.f32(dwAt, classes * d).slice()), [classes, d]),
        ];
        if (bias !== null) {
          kernel.batchGemmNT(dltAt, onesAt, dbAt, 1, classes, 1, n); // dBias = s · Σ_i dL[i, :]
          grads.push(tf.tensor1d(kernel.f32(dbAt, classes).slice()));
        }
        return grads;
      },
    };
  });
  return f(...inputs) as tf.Scalar;
}
