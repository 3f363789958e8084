import type { DenseRows } from './dense-rows';

/**
 * The objective of {@link fitLogisticRegression} on dense rows: mean cross-entropy + λ/2·‖W‖² of
 * parameters θ = [W (class-major: weight of feature j for class c at `c·cols + j`), b], its
 * gradient written into `grad`. Class-major so that each class score is one contiguous dot
 * product and each gradient update one contiguous axpy: on 2,100 × 512 sentence vectors this is
 * about twice as fast as the sparse kernel's feature-major K-wide inner loops fed every entry. The
 * hot path: trusts its inputs.
 *
 * @example
 * ```ts
 * const f = denseLogisticObjective({ data, rows: 2, cols: 3 }, Int32Array.of(0, 1), 2, 1e-3);
 * f(new Float64Array(3 * 2 + 2), grad); // ln 2 at all-zero weights
 * ```
 */
export function denseLogisticObjective(x: DenseRows, labels: Int32Array, k: number, l2: number) {
  const { data, rows, cols } = x;
  const wSize = cols * k;
  const z = new Float64Array(k);
  return (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const off = i * cols;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = theta[wSize + c] as number;
        const wo = c * cols;
        for (let j = 0; j < cols; j++) s += (data[off + j] as number) * (theta[wo + j] as number);
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp((z[c] as number) - max);
      const logSum = max + Math.log(sum);
      const y = labels[i] as number;
      loss += logSum - (z[y] as number);
      for (let c = 0; c < k; c++) {
        // residual p − onehot(y), scaled by 1/rows
        const r = (Math.exp((z[c] as number) - logSum) - (c === y ? 1 : 0)) / rows;
        grad[wSize + c] = (grad[wSize + c] as number) + r;
        const wo = c * cols;
        for (let j = 0; j < cols; j++)
          grad[wo + j] = (grad[wo + j] as number) + r * (data[off + j] as number);
      }
    }
    let penalty = 0;
    for (let j = 0; j < wSize; j++) {
      const v = theta[j] as number;
      penalty += v * v;
      grad[j] = (grad[j] as number) + l2 * v;
    }
    return loss / rows + 0.5 * l2 * penalty;
  };
}
