/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Most iterations (default 500). */
  readonly maxIterations?: number;
  /** Curvature pairs kept (default 10). */
  readonly memory?: number;
  /** Stop when the largest gradient component is at most this (default 1e-6). */
  readonly tolerance?: number;
}

/** What {@link minimizeLbfgs} found. */
export interface LbfgsResult {
  /** The minimiser reached. */
  readonly x: Float64Array;
  /** The objective at the start and after every iteration: non-increasing (Armijo steps). */
  readonly losses: Float64Array;
  /** Whether the gradient tolerance was met (else the iteration cap or a failed line search ended it). */
  readonly converged: boolean;
}

const DEFAULTS = { maxIterations: 500, memory: 10, tolerance: 1e-6 } as const;
/** Armijo's sufficient-decrease constant and the most step halvings of one line search. */
const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

/**
 * Minimises a smooth function with L-BFGS (Nocedal & Wright, algorithm 7.4: two-loop recursion,
 * initial scaling s·y / y·y) and a backtracking Armijo line search, so every accepted step lowers
 * the objective. Deterministic: plain float64 arithmetic in a fixed order. The inner kernel of the
 * baselines: it trusts its inputs.
 *
 * @param objective - writes the gradient at `x` into `gradient` and returns the value
 * @param x0 - the start (not modified)
 * @example
 * ```ts
 * // (x0 − 3)² + 10·(x1 + 1)², minimum at (3, −1)
 * const { x } = minimizeLbfgs((x, g) => {
 *   const [a = 0, b = 0] = x;
 *   g[0] = 2 * (a - 3);
 *   g[1] = 20 * (b + 1);
 *   return (a - 3) ** 2 + 10 * (b + 1) ** 2;
 * }, new Float64Array(2)); // x ≈ [3, −1]
 * ```
 */
export function minimizeLbfgs(
  objective: (x: Float64Array, gradient: Float64Array) => number,
  x0: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const { maxIterations, memory, tolerance } = { ...DEFAULTS, ...options };
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g);
  const losses = [f];
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const rhos: number[] = [];
  const alphas = new Float64Array(memory);
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let converged = maxAbs(g) <= tolerance;
  for (let iteration = 0; iteration < maxIterations && !converged; iteration++) {
    // d = −H·g by the two-loop recursion
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    for (let k = ss.length - 1; k >= 0; k--) {
      const a = (rhos[k] as number) * dot(ss[k] as Float64Array, d);
      alphas[k] = a;
      const y = ys[k] as Float64Array;
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) - a * (y[i] as number);
    }
    if (ss.length > 0) {
      const last = ss.length - 1;
      const y = ys[last] as Float64Array;
      const gamma = dot(ss[last] as Float64Array, y) / dot(y, y);
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) * gamma;
    }
    for (let k = 0; k < ss.length; k++) {
      const b = (rhos[k] as number) * dot(ys[k] as Float64Array, d);
      const s = ss[k] as Float64Array;
      const a = alphas[k] as number;
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) + (a - b) * (s[i] as number);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // not a descent direction (rounding): forget the curvature pairs, step along −g
      ss.length = ys.length = rhos.length = 0;
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
      slope = dot(g, d);
    }
    // the first step along −g has no scale yet: make it of length 1
    let t = ss.length === 0 ? 1 / Math.sqrt(-slope) : 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let h = 0; h < MAX_HALVINGS; h++, t *= 0.5) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + t * (d[i] as number);
      fNew = objective(xNew, gNew);
      if (fNew <= f + ARMIJO * t * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break; // no decrease within rounding: as close as float64 gets
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      y[i] = (gNew[i] as number) - (g[i] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      if (ss.length === memory) {
        ss.shift();
        ys.shift();
        rhos.shift();
      }
      ss.push(s);
      ys.push(y);
      rhos.push(1 / sy);
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    losses.push(f);
    converged = maxAbs(g) <= tolerance;
  }
  return { x, losses: Float64Array.from(losses), converged };
}
