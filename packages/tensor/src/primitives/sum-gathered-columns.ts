import * as tf from '@tensorflow/tfjs-core';
import { describe } from '@ksub/core';

function validate(fn: string, parts: readonly tf.Tensor[], columns: readonly Int32Array[]): [number, number] {
  if (parts.length === 0 || parts.length !== columns.length)
    throw new RangeError(
      `${fn}: parts and columns must be non-empty and of equal length; got ${parts.length} and ${columns.length}`,
    );
  const n = parts[0]?.shape[0] as number;
  const width = columns[0]?.length as number;
  parts.forEach((p, j) => {
    if (p.rank !== 2 || p.shape[0] !== n)
      throw new RangeError(`${fn}: parts[${j}] must have shape [${n}, rows]; got ${describe(p.shape)}`);
    const cols = columns[j] as Int32Array;
    if (cols.length !== width)
      throw new RangeError(`${fn}: columns[${j}] must have length ${width}; got ${cols.length}`);
    const rows = p.shape[1] as number;
    for (let t = 0; t < cols.length; t++) {
      const c = cols[t] as number;
      if (!(c >= 0 && c < rows))
        throw new RangeError(`${fn}: columns[${j}][${t}] must lie in [0, ${rows}); got ${c}`);
    }
  });
  return [n, width];
}

/**
 * out[i, t] = Σ_j parts[j][i, columns[j][t]] — the tied-decoder logits of k-sub-embedding without
 * materialising the N × d matrix: with h split by table widths into h_j and P_j = h_j·T_jᵀ
 * ([n, rows_j], tiny), logits = Σ_j P_j[:, codes_j]. The gradient scatters back:
 * dP_j[i, r] = Σ_{t: columns[j][t] = r} dOut[i, t]. Both passes are single loops over typed
 * arrays in JavaScript, on every backend (the WebAssembly backend's column gather took 1.5 s for
 * [614 × 50,265]; this takes a few tens of milliseconds per table). `columns` are constants.
 *
 * @example
 * ```ts
 * const logits = sumGatheredColumns([p0, p1], [codes0, codes1]); // [n, N]
 * ```
 */
export function sumGatheredColumns(parts: readonly tf.Tensor[], columns: readonly Int32Array[]): tf.Tensor2D {
  const fn = 'sumGatheredColumns';
  const [n, width] = validate(fn, parts, columns);
  const rowsOf = parts.map((p) => p.shape[1] as number);
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const inputs = args.slice(0, parts.length) as tf.Tensor[];
    const out = new Float32Array(n * width);
    inputs.forEach((p, j) => {
      const values = p.dataSync() as Float32Array;
      const cols = columns[j] as Int32Array;
      const rows = rowsOf[j] as number;
      for (let i = 0; i < n; i++) {
        const src = i * rows;
        const dst = i * width;
        for (let t = 0; t < width; t++)
          out[dst + t] = (out[dst + t] as number) + (values[src + (cols[t] as number)] as number);
      }
    });
    return {
      value: tf.tensor2d(out, [n, width]),
      gradFunc: (dy: tf.Tensor) => {
        const g = dy.dataSync() as Float32Array;
        return rowsOf.map((rows, j) => {
          const cols = columns[j] as Int32Array;
          const grad = new Float32Array(n * rows);
          for (let i = 0; i < n; i++) {
            const src = i * width;
            const dst = i * rows;
            for (let t = 0; t < width; t++)
              grad[dst + (cols[t] as number)] =
                (grad[dst + (cols[t] as number)] as number) + (g[src + t] as number);
          }
          return tf.tensor2d(grad, [n, rows]);
        });
      },
    };
  });
  return f(...parts) as tf.Tensor2D;
}
