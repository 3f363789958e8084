/**
 * The shape attention heads share within one `fusedAttention` call: `batch · seq` activation
 * rows, each holding `heads` blocks of `headDim` columns per projection.
 */
export interface HeadLayout {
  readonly batch: number;
  readonly seq: number;
  readonly heads: number;
  readonly headDim: number;
}

/** Where one projection's heads lie in the activation rows, and the factor applied while copying. */
export interface HeadColumns {
  /** Width of an activation row: 3d for the fused q | k | v projections, d for the context. */
  readonly rowWidth: number;
  /** Column of head 0 within a row: 0, d or 2d for q, k or v in the fused projections. */
  readonly offset: number;
  /** Factor applied to every copied value (default 1). */
  readonly scale?: number;
}

/** Options of {@link packHeads}. */
export interface PackHeadsOptions extends HeadColumns {
  /** Write each block as [t][i] (headDim × seq) instead of [i][t] (default false). */
  readonly transposed?: boolean;
}

/**
 * Copies head blocks out of activation rows: dst[b·heads + h][i][t] (or [b·heads + h][t][i] when
 * transposed) = scale · src[(b·seq + i)·rowWidth + offset + h·headDim + t]. Runs a handful of times
 * per attention pass, so the options are read once on entry and the loops see plain numbers.
 */
export function packHeads(
  src: Float32Array,
  dst: Float32Array,
  layout: HeadLayout,
  options: PackHeadsOptions,
): void {
  const { batch: B, seq: S, heads: H, headDim: dh } = layout;
  const { rowWidth, offset, transposed = false, scale = 1 } = options;
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      const base = (b * H + h) * S * dh;
      for (let i = 0; i < S; i++) {
        const from = (b * S + i) * rowWidth + offset + h * dh;
        if (transposed)
          for (let t = 0; t < dh; t++) dst[base + t * S + i] = (src[from + t] as number) * scale;
        else for (let t = 0; t < dh; t++) dst[base + i * dh + t] = (src[from + t] as number) * scale;
      }
    }
}

/**
 * The reverse of {@link packHeads} (untransposed): head blocks [b·heads + h][i][t] into the rows'
 * columns at `offset`, scaled; the other columns of `dst` are left as they are.
 */
export function unpackHeads(
  src: Float32Array,
  dst: Float32Array,
  layout: HeadLayout,
  options: HeadColumns,
): void {
  const { batch: B, seq: S, heads: H, headDim: dh } = layout;
  const { rowWidth, offset, scale = 1 } = options;
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++) {
      const base = (b * H + h) * S * dh;
      for (let i = 0; i < S; i++) {
        const to = (b * S + i) * rowWidth + offset + h * dh;
        for (let t = 0; t < dh; t++) dst[to + t] = (src[base + i * dh + t] as number) * scale;
      }
    }
}
