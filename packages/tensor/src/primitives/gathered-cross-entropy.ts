import * as tf from '@tensorflow/tfjs-core';
import { describe } from '@ksub/core';
import { checkDecoderClaim, claimDecoderMemory, decoderKernel } from './decoder-kernel';
import { sparseSoftmaxCrossEntropy } from './sparse-cross-entropy';
import { sumGatheredColumns } from './sum-gathered-columns';

/**
 * Mean softmax cross-entropy of the logits Σ_j parts[j][:, columns[j]] + bias against `labels`, as
 * one op: k-sub-embedding's tied decoder and its loss (parts[j] = h_j · T_jᵀ, [n, rows_j], tiny;
 * columns[j] the table-j code of every token). On the SIMD kernel the [n × N] logits are gathered,
 * biased, soft-maxed and turned into their gradient without leaving its memory, and the gradient
 * is scattered back to the parts there (dP_j[i, r] = Σ_{t: columns[j][t] = r} dL[i, t]), rows
 * split across threads. Elsewhere {@link sparseSoftmaxCrossEntropy} of {@link sumGatheredColumns}.
 *
 * @throws RangeError naming the argument for mismatched shapes or a label outside [0, N).
 * @example
 * ```ts
 * const loss = gatheredSoftmaxCrossEntropy([p0, p1, p2], codeColumns, decoderBias, labels);
 * ```
 */
export function gatheredSoftmaxCrossEntropy(
  parts: readonly tf.Tensor2D[],
  columns: readonly Int32Array[],
  bias: tf.Tensor1D | null,
  labels: tf.Tensor1D,
): tf.Scalar {
  const fn = 'gatheredSoftmaxCrossEntropy';
  const k = parts.length;
  if (k === 0 || columns.length !== k)
    throw new RangeError(
      `${fn}: parts and columns must be non-empty and of equal length; got ${k} and ${columns.length}`,
    );
  const n = parts[0]?.shape[0] as number;
  const classes = columns[0]?.length as number;
  if (bias !== null && (bias.rank !== 1 || bias.shape[0] !== classes))
    throw new RangeError(`${fn}: bias must be [${classes}]; got ${describe(bias.shape)}`);
  if (labels.rank !== 1 || labels.shape[0] !== n || labels.dtype !== 'int32')
    throw new RangeError(`${fn}: labels must be int32 [${n}]; got ${labels.dtype} ${describe(labels.shape)}`);
  const kernel = decoderKernel();
  if (kernel === null)
    return tf.tidy(() => {
      const logits = sumGatheredColumns(parts, columns);
      return sparseSoftmaxCrossEntropy(bias === null ? logits : tf.add(logits, bias), labels);
    });
  parts.forEach((p, j) => {
    if (p.rank !== 2 || p.shape[0] !== n || p.dtype !== 'float32')
      throw new RangeError(
        `${fn}: parts[${j}] must be float32 [${n}, rows]; got ${p.dtype} ${describe(p.shape)}`,
      );
    const rows = p.shape[1] as number;
    const cols = columns[j] as Int32Array;
    if (cols.length !== classes)
      throw new RangeError(`${fn}: columns[${j}] must have length ${classes}; got ${cols.length}`);
    for (let t = 0; t < classes; t++)
      if (!((cols[t] as number) >= 0 && (cols[t] as number) < rows))
        throw new RangeError(`${fn}: columns[${j}][${t}] must lie in [0, ${rows}); got ${cols[t]}`);
  });
  const ids = labels.dataSync() as Int32Array;
  ids.forEach((label, i) => {
    if (!(label >= 0 && label < classes))
      throw new RangeError(`${fn}: labels[${i}] must be in [0, ${classes}); got ${label}`);
  });
  const rows = parts.map((p) => p.shape[1] as number);
  const inputs: tf.Tensor[] = bias === null ? [...parts] : [...parts, bias];
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    // regions: descriptor (k pairs), codes (k × N), P_j, logits → dL, labels, losses, bias, dP_j
    const descAt = kernel.base;
    const codesAt = descAt + 8 * k;
    const pAt: number[] = [];
    let at = codesAt + k * classes * 4;
    for (const r of rows) {
      pAt.push(at);
      at += n * r * 4;
    }
    const lAt = at;
    const labelsAt = lAt + n * classes * 4;
    const lossAt = labelsAt + n * 4;
    const biasAt = lossAt + n * 4;
    const dpAt: number[] = [];
    at = biasAt + classes * 4;
    for (const r of rows) {
      dpAt.push(at);
      at += n * r * 4;
    }
    const dDescAt = at;
    kernel.ensure(dDescAt + 8 * k - kernel.base);
    const i32 = (offset: number, len: number) => new Int32Array(kernel.f32(offset, len).buffer, offset, len);
    i32(descAt, 2 * k).set(rows.flatMap((r, j) => [pAt[j] as number, r]));
    i32(dDescAt, 2 * k).set(rows.flatMap((r, j) => [dpAt[j] as number, r]));
    columns.forEach((c, j) => i32(codesAt + j * classes * 4, classes).set(c));
    parts.forEach((_, j) =>
      kernel.f32(pAt[j] as number, n * (rows[j] as number)).set((args[j] as tf.Tensor).dataSync()),
    );
    i32(labelsAt, n).set(ids);
    if (bias !== null) kernel.f32(biasAt, classes).set((args[k] as tf.Tensor).dataSync());
    kernel.gatherSum(descAt, k, n, classes, codesAt, lAt);
    kernel.softmaxXent(lAt, n, classes, labelsAt, lossAt, lAt, 1 / n, bias === null ? 0 : biasAt);
    let total = 0;
    kernel.f32(lossAt, n).forEach((l) => (total += l));
    const call = claimDecoderMemory();
    return {
      value: tf.scalar(total / n),
      gradFunc: (dy: tf.Scalar) => {
        checkDecoderClaim(fn, call);
        const s = dy.dataSync()[0] as number;
        kernel.scatter(lAt, k, n, classes, codesAt, dDescAt);
        const scale = (values: Float32Array) => (s === 1 ? values : values.map((v) => v * s));
        const grads: tf.Tensor[] = rows.map((r, j) =>
          tf.tensor2d(scale(kernel.f32(dpAt[j] as number, n * r).slice()), [n, r]),
        );
        if (bias !== null) {
          // dBias = s · Σ_i dL[i, :], as dLᵀ · (s, …, s) on the kernel
          const dltAt = dDescAt + 8 * k;
          const onesAt = dltAt + n * classes * 4;
          const dbAt = onesAt + n * 4;
          kernel.ensure(dbAt + classes * 4 - kernel.base);
          kernel.f32(onesAt, n).fill(s);
          kernel.transpose(lAt, 1, n, classes, dltAt);
          kernel.batchGemmNT(dltAt, onesAt, dbAt, 1, classes, 1, n);
          grads.push(tf.tensor1d(kernel.f32(dbAt, classes).slice()));
        }
        return grads;
      },
    };
  });
  return f(...inputs) as tf.Scalar;
}
