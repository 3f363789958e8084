// AssemblyScript source of ksub's SIMD matrix kernel (compiled by `nx run simd:wasm` twice: into
// src/wasm/gemm-nt-wasm.ts with WebAssembly SIMD, and into src/wasm/gemm-nt-fma-wasm.ts with relaxed
// SIMD too, where the products' multiply-adds are fused; see `madd`). All pointers are byte offsets into the imported (shared) memory; all
// matrices are f32, row-major. The one product computed is out = X · Yᵀ ("NT"): every output is a
// dot product of two contiguous rows, which is what SIMD loads want.

/** Rows of Y handled per cache block: 64 rows × 512 dims × 4 bytes = 128 KiB at most. */
const COL_BLOCK: i32 = 64;

/**
 * out[i * ldo + j] = x_i · y_j for `rows` rows of `x` and `cols` rows of `y`, all `dim` wide.
 * Blocks of 64 rows of `y` stay in cache while every row of `x` passes; inside a block, two rows of
 * `x` × four rows of `y` share each register load, four lanes per step.
 */
export function gemmNT(x: usize, rows: i32, y: usize, cols: i32, dim: i32, out: usize, ldo: i32): void {
  for (let jb = 0; jb < cols; jb += COL_BLOCK) {
    const je = min(jb + COL_BLOCK, cols);
    panel(x, rows, y, jb, je, dim, out, ldo);
  }
}

/** out = X · Cᵀ with out k wide: the k-means form (`k` centroids). */
export function dotBlock(x: usize, rows: i32, c: usize, k: i32, dim: i32, out: usize): void {
  gemmNT(x, rows, c, k, dim, out, k);
}

/**
 * One thread's share of a batched product: for every b < batch, out_b = X_b · Y_bᵀ with X_b m × dim,
 * Y_b n × dim and out_b m × n, restricted to the global rows [rowStart, rowEnd) of the stacked
 * (batch · m) × n output and to its columns [colStart, colEnd).
 */
export function batchGemmNT(
  x: usize,
  y: usize,
  out: usize,
  m: i32,
  n: i32,
  dim: i32,
  rowStart: i32,
  rowEnd: i32,
  colStart: i32,
  colEnd: i32,
): void {
  const rowBytes = <usize>dim << 2;
  let r = rowStart;
  while (r < rowEnd) {
    const b = r / m;
    const i = r - b * m;
    const count = min(m - i, rowEnd - r);
    const yb = y + (<usize>b * <usize>n + <usize>colStart) * rowBytes;
    const ob = out + ((<usize>r * <usize>n + <usize>colStart) << 2);
    gemmNT(x + <usize>r * rowBytes, count, yb, colEnd - colStart, dim, ob, n);
    r += count;
  }
}

function panel(x: usize, rows: i32, y: usize, jb: i32, je: i32, dim: i32, out: usize, ldo: i32): void {
  const stride = <usize>(dim << 2);
  const simdDim = dim & ~3;
  const ldoBytes = <usize>ldo << 2;
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const x0 = x + <usize>i * stride;
    const x1 = x0 + stride;
    const o0 = out + <usize>i * ldoBytes;
    const o1 = o0 + ldoBytes;
    let j = jb;
    for (; j + 3 < je; j += 4) {
      const c0 = y + <usize>j * stride;
      const c1 = c0 + stride;
      const c2 = c1 + stride;
      const c3 = c2 + stride;
      let a00 = f32x4.splat(0), a01 = f32x4.splat(0), a02 = f32x4.splat(0), a03 = f32x4.splat(0);
      let a10 = f32x4.splat(0), a11 = f32x4.splat(0), a12 = f32x4.splat(0), a13 = f32x4.splat(0);
      for (let d = 0; d < simdDim; d += 4) {
        const off = <usize>(d << 2);
        const v0 = v128.load(x0 + off);
        const v1 = v128.load(x1 + off);
        const w0 = v128.load(c0 + off);
        const w1 = v128.load(c1 + off);
        const w2 = v128.load(c2 + off);
        const w3 = v128.load(c3 + off);
        a00 = madd(v0, w0, a00);
        a01 = madd(v0, w1, a01);
        a02 = madd(v0, w2, a02);
        a03 = madd(v0, w3, a03);
        a10 = madd(v1, w0, a10);
        a11 = madd(v1, w1, a11);
        a12 = madd(v1, w2, a12);
        a13 = madd(v1, w3, a13);
      }
      let s00 = hsum(a00), s01 = hsum(a01), s02 = hsum(a02), s03 = hsum(a03);
      let s10 = hsum(a10), s11 = hsum(a11), s12 = hsum(a12), s13 = hsum(a13);
      for (let d = simdDim; d < dim; d++) {
        const off = <usize>(d << 2);
        const v0 = load<f32>(x0 + off);
        const v1 = load<f32>(x1 + off);
        s00 += v0 * load<f32>(c0 + off);
        s01 += v0 * load<f32>(c1 + off);
        s02 += v0 * load<f32>(c2 + off);
        s03 += v0 * load<f32>(c3 + off);
        s10 += v1 * load<f32>(c0 + off);
        s11 += v1 * load<f32>(c1 + off);
        s12 += v1 * load<f32>(c2 + off);
        s13 += v1 * load<f32>(c3 + off);
      }
      const jo = <usize>j << 2;
      store<f32>(o0 + jo, s00);
      store<f32>(o0 + jo + 4, s01);
      store<f32>(o0 + jo + 8, s02);
      store<f32>(o0 + jo + 12, s03);
      store<f32>(o1 + jo, s10);
      store<f32>(o1 + jo + 4, s11);
      store<f32>(o1 + jo + 8, s12);
      store<f32>(o1 + jo + 12, s13);
    }
    for (; j < je; j++) {
      const cj = y + <usize>j * stride;
      store<f32>(o0 + (<usize>j << 2), dot(x0, cj, dim, simdDim));
      store<f32>(o1 + (<usize>j << 2), dot(x1, cj, dim, simdDim));
    }
  }
  for (; i < rows; i++) {
    const xi = x + <usize>i * stride;
    const oi = out + <usize>i * ldoBytes;
    for (let j = jb; j < je; j++) store<f32>(oi + (<usize>j << 2), dot(xi, y + <usize>j * stride, dim, simdDim));
  }
}

/**
 * a · b + c, four lanes. Built with `--enable relaxed-simd` (the FMA variant of this kernel) it is
 * `f32x4.relaxed_madd`, a fused multiply-add where the CPU has one (one rounding instead of two);
 * otherwise a multiply and an add.
 */
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

function dot(a: usize, b: usize, dim: i32, simdDim: i32): f32 {
  let acc = f32x4.splat(0);
  for (let d = 0; d < simdDim; d += 4) {
    const off = <usize>(d << 2);
    acc = madd(v128.load(a + off), v128.load(b + off), acc);
  }
  let s = hsum(acc);
  for (let d = simdDim; d < dim; d++) s += load<f32>(a + (<usize>d << 2)) * load<f32>(b + (<usize>d << 2));
  return s;
}

/**
 * Chunk `chunk` of a batched product cut into rowChunks × colChunks tiles of the stacked
 * (batch · m) × n output (row tiles even-sized, column tiles multiples of 4): the unit of work
 * threads claim.
 */
export function batchGemmChunk(
  x: usize,
  y: usize,
  out: usize,
  batch: i32,
  m: i32,
  n: i32,
  dim: i32,
  rowChunks: i32,
  colChunks: i32,
  chunk: i32,
): void {
  const rows = batch * m;
  const rc = chunk / colChunks;
  const cc = chunk - rc * colChunks;
  const rowsPer = ((rows + rowChunks - 1) / rowChunks + 1) & ~1;
  const colsPer = ((n + colChunks - 1) / colChunks + 3) & ~3;
  const r0 = rc * rowsPer;
  const r1 = min(rows, r0 + rowsPer);
  const c0 = cc * colsPer;
  const c1 = min(n, c0 + colsPer);
  if (r0 < r1 && c0 < c1) batchGemmNT(x, y, out, m, n, dim, r0, r1, c0, c1);
}

// ---------------------------------------------------------------------------------------------
// Softmax cross-entropy over rows of logits (the MLM loss at 50,265 classes).

/** e^x for x ≤ 0 (inputs are shifted by the row max), four lanes: 2^k · p(r), x = k·ln2 + r. */
@inline
function expNeg(x: v128): v128 {
  const clamped = f32x4.max(x, f32x4.splat(-87.0));
  const k = f32x4.nearest(f32x4.mul(clamped, f32x4.splat(1.4426950408889634)));
  const r = f32x4.sub(f32x4.sub(clamped, f32x4.mul(k, f32x4.splat(0.693145751953125))), f32x4.mul(k, f32x4.splat(1.428606765330187e-6)));
  // Taylor/minimax polynomial of e^r on |r| ≤ ln2/2 (Cephes expf coefficients): relative error < 2e-7
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const r2 = f32x4.mul(r, r);
  p = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), f32x4.splat(1.0));
  const pow2 = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
  return f32x4.mul(p, pow2);
}

@inline
function expNegScalar(x: f32): f32 {
  return f32x4.extract_lane(expNeg(f32x4.splat(x)), 0);
}

/**
 * Rows [r0, r1) of logits (n × classes), plus `bias` (classes values; 0 = none) added in place
 * first: loss_i = log Σ_j e^{x_ij} − x_i,label and, written to `grad` (may be `logits` itself),
 * scale · (softmax_i − onehot(label_i)).
 */
export function softmaxXentRows(logits: usize, classes: i32, bias: usize, labels: usize, losses: usize, grad: usize, scale: f32, r0: i32, r1: i32): void {
  const simd = classes & ~3;
  for (let i = r0; i < r1; i++) {
    const row = logits + ((<usize>i * <usize>classes) << 2);
    const out = grad + ((<usize>i * <usize>classes) << 2);
    if (bias != 0) {
      // logits += bias, in place, first
      for (let j = 0; j < simd; j += 4) {
        const at = row + (<usize>j << 2);
        v128.store(at, f32x4.add(v128.load(at), v128.load(bias + (<usize>j << 2))));
      }
      for (let j = simd; j < classes; j++) {
        const at = row + (<usize>j << 2);
        store<f32>(at, load<f32>(at) + load<f32>(bias + (<usize>j << 2)));
      }
    }
    let vmax = f32x4.splat(-Infinity);
    for (let j = 0; j < simd; j += 4) vmax = f32x4.max(vmax, v128.load(row + (<usize>j << 2)));
    let top: f32 = max(max(f32x4.extract_lane(vmax, 0), f32x4.extract_lane(vmax, 1)), max(f32x4.extract_lane(vmax, 2), f32x4.extract_lane(vmax, 3)));
    for (let j = simd; j < classes; j++) top = max(top, load<f32>(row + (<usize>j << 2)));
    const vm = f32x4.splat(top);
    // read before the exponentials overwrite the row (grad may be logits)
    const label = load<i32>(labels + (<usize>i << 2));
    const picked = load<f32>(row + (<usize>label << 2));
    let vsum = f32x4.splat(0);
    for (let j = 0; j < simd; j += 4) {
      const e = expNeg(f32x4.sub(v128.load(row + (<usize>j << 2)), vm));
      v128.store(out + (<usize>j << 2), e);
      vsum = f32x4.add(vsum, e);
    }
    let sum: f64 = <f64>f32x4.extract_lane(vsum, 0) + <f64>f32x4.extract_lane(vsum, 1) + <f64>f32x4.extract_lane(vsum, 2) + <f64>f32x4.extract_lane(vsum, 3);
    for (let j = simd; j < classes; j++) {
      const e = expNegScalar(load<f32>(row + (<usize>j << 2)) - top);
      store<f32>(out + (<usize>j << 2), e);
      sum += <f64>e;
    }
    store<f32>(losses + (<usize>i << 2), <f32>(Math.log(sum) + <f64>top - <f64>picked));
    const factor = f32x4.splat(<f32>(<f64>scale / sum));
    for (let j = 0; j < simd; j += 4) v128.store(out + (<usize>j << 2), f32x4.mul(v128.load(out + (<usize>j << 2)), factor));
    const s = <f32>(<f64>scale / sum);
    for (let j = simd; j < classes; j++) store<f32>(out + (<usize>j << 2), load<f32>(out + (<usize>j << 2)) * s);
    const at = out + (<usize>label << 2);
    store<f32>(at, load<f32>(at) - scale);
  }
}

/** Chunk `chunk` of `chunks` equal row ranges of {@link softmaxXentRows}; scale passed as f32 bits. */
export function softmaxXentChunk(logits: usize, n: i32, classes: i32, bias: usize, labels: usize, losses: usize, grad: usize, scaleBits: i32, chunks: i32, chunk: i32): void {
  const per = (n + chunks - 1) / chunks;
  const r0 = chunk * per;
  const r1 = min(n, r0 + per);
  if (r0 < r1) softmaxXentRows(logits, classes, bias, labels, losses, grad, reinterpret<f32>(scaleBits), r0, r1);
}

// ---------------------------------------------------------------------------------------------
// Batched transpose: dst_b = src_bᵀ for src_b rows × cols.

/** Rows [r0, r1) of the stacked (batch · rows) × cols source, written transposed per batch. */
function transposeRows(src: usize, rows: i32, cols: i32, dst: usize, r0: i32, r1: i32): void {
  const block = 32;
  let r = r0;
  while (r < r1) {
    const b = r / rows;
    const rb = r - b * rows; // row within the batch
    const end = min(r1, (b + 1) * rows);
    const sb = src + ((<usize>b * <usize>rows * <usize>cols) << 2);
    const db = dst + ((<usize>b * <usize>rows * <usize>cols) << 2);
    const rEnd = rb + (end - r);
    for (let i0 = rb; i0 < rEnd; i0 += block) {
      const i1 = min(rEnd, i0 + block);
      for (let j0 = 0; j0 < cols; j0 += block) {
        const j1 = min(cols, j0 + block);
        let i = i0;
        for (; i + 3 < i1; i += 4) {
          let j = j0;
          for (; j + 3 < j1; j += 4) {
            const a0 = v128.load(sb + ((<usize>i * <usize>cols + <usize>j) << 2));
            const a1 = v128.load(sb + (((<usize>i + 1) * <usize>cols + <usize>j) << 2));
            const a2 = v128.load(sb + (((<usize>i + 2) * <usize>cols + <usize>j) << 2));
            const a3 = v128.load(sb + (((<usize>i + 3) * <usize>cols + <usize>j) << 2));
            const t0 = v128.shuffle<f32>(a0, a1, 0, 4, 1, 5);
            const t1 = v128.shuffle<f32>(a2, a3, 0, 4, 1, 5);
            const t2 = v128.shuffle<f32>(a0, a1, 2, 6, 3, 7);
            const t3 = v128.shuffle<f32>(a2, a3, 2, 6, 3, 7);
            v128.store(db + ((<usize>j * <usize>rows + <usize>i) << 2), v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
            v128.store(db + (((<usize>j + 1) * <usize>rows + <usize>i) << 2), v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
            v128.store(db + (((<usize>j + 2) * <usize>rows + <usize>i) << 2), v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
            v128.store(db + (((<usize>j + 3) * <usize>rows + <usize>i) << 2), v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
          }
          for (; j < j1; j++)
            for (let k = 0; k < 4; k++)
              store<f32>(db + ((<usize>j * <usize>rows + <usize>(i + k)) << 2), load<f32>(sb + ((<usize>(i + k) * <usize>cols + <usize>j) << 2)));
        }
        for (; i < i1; i++)
          for (let j = j0; j < j1; j++)
            store<f32>(db + ((<usize>j * <usize>rows + <usize>i) << 2), load<f32>(sb + ((<usize>i * <usize>cols + <usize>j) << 2)));
      }
    }
    r = end;
  }
}

/** Chunk `chunk` of `chunks` equal ranges of the stacked source rows of a batched transpose. */
export function transposeChunk(src: usize, batch: i32, rows: i32, cols: i32, dst: usize, chunks: i32, chunk: i32): void {
  const total = batch * rows;
  const per = (((total + chunks - 1) / chunks + 3) / 4) * 4;
  const r0 = chunk * per;
  const r1 = min(total, r0 + per);
  if (r0 < r1) transposeRows(src, rows, cols, dst, r0, r1);
}

// ---------------------------------------------------------------------------------------------
// k-sub-embedding decoder: logits[i, v] = Σ_j P_j[i, codes_j[v]] and its scatter-back.
// `parts` points at k (pointer, rows) i32 pairs; `codes` at k × classes i32 (table j's column of
// codes contiguous).

/** Chunk of rows: out[i, :] = Σ_j P_j[i, codes_j[:]]. */
export function gatherSumChunk(parts: usize, k: i32, n: i32, classes: i32, codes: usize, out: usize, chunks: i32, chunk: i32): void {
  const per = (n + chunks - 1) / chunks;
  const r0 = chunk * per;
  const r1 = min(n, r0 + per);
  for (let i = r0; i < r1; i++) {
    const o = out + ((<usize>i * <usize>classes) << 2);
    for (let j = 0; j < k; j++) {
      const p = <usize>load<i32>(parts + (<usize>(2 * j) << 2));
      const rows = load<i32>(parts + (<usize>(2 * j + 1) << 2));
      const row = p + ((<usize>i * <usize>rows) << 2);
      const c = codes + ((<usize>j * <usize>classes) << 2);
      if (j == 0) for (let v = 0; v < classes; v++) store<f32>(o + (<usize>v << 2), load<f32>(row + (<usize>load<i32>(c + (<usize>v << 2)) << 2)));
      else
        for (let v = 0; v < classes; v++) {
          const at = o + (<usize>v << 2);
          store<f32>(at, load<f32>(at) + load<f32>(row + (<usize>load<i32>(c + (<usize>v << 2)) << 2)));
        }
    }
  }
}

/** Chunk of rows: dP_j[i, r] = Σ_{v: codes_j[v] = r} grad[i, v] (`parts` as in gatherSumChunk, now the dP_j). */
export function scatterChunk(grad: usize, k: i32, n: i32, classes: i32, codes: usize, parts: usize, chunks: i32, chunk: i32): void {
  const per = (n + chunks - 1) / chunks;
  const r0 = chunk * per;
  const r1 = min(n, r0 + per);
  for (let i = r0; i < r1; i++) {
    const g = grad + ((<usize>i * <usize>classes) << 2);
    for (let j = 0; j < k; j++) {
      const p = <usize>load<i32>(parts + (<usize>(2 * j) << 2));
      const rows = load<i32>(parts + (<usize>(2 * j + 1) << 2));
      const row = p + ((<usize>i * <usize>rows) << 2);
      memory.fill(row, 0, <usize>rows << 2);
      const c = codes + ((<usize>j * <usize>classes) << 2);
      for (let v = 0; v < classes; v++) {
        const at = row + (<usize>load<i32>(c + (<usize>v << 2)) << 2);
        store<f32>(at, load<f32>(at) + load<f32>(g + (<usize>v << 2)));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Attention probabilities: masked softmax over each row of scores, with dropout, and its gradient.
// Rows are the (batch · heads · seq) rows of S scores each; key j of a row in batch b is masked out
// when mask[b · S + j] (int32) is 0. Dropout keeps entry `index` (flat over all rows) when
// hash(seed, index) ≥ threshold, unsigned — `attentionKeep` in @ksub/tensor with
// threshold = ⌈rate · 2³²⌉ — and scales kept entries by `keepScale` = 1 / (1 − rate);
// threshold 0 means no dropout.

/** The dropout hash of four consecutive indices (the same integer steps as `attentionKeep`). */
@inline
function keepHash4(seed: v128, index: v128): v128 {
  let z = v128.xor(seed, i32x4.mul(index, i32x4.splat(0x9e3779b9)));
  z = i32x4.mul(v128.xor(z, i32x4.shr_u(z, 16)), i32x4.splat(0x21f0aaad));
  z = i32x4.mul(v128.xor(z, i32x4.shr_u(z, 15)), i32x4.splat(0x735a2d97));
  return v128.xor(z, i32x4.shr_u(z, 15));
}

@inline
function keepHash(seed: u32, index: u32): u32 {
  let z = seed ^ (index * 0x9e3779b9);
  z = (z ^ (z >>> 16)) * 0x21f0aaad;
  z = (z ^ (z >>> 15)) * 0x735a2d97;
  return z ^ (z >>> 15);
}

/**
 * Rows [r0, r1): probs = softmax over the row's unmasked keys (all zero when every key is masked),
 * and `scores` overwritten with the dropped-out probabilities (or the probabilities, without dropout).
 */
function attentionSoftmaxRows(scores: usize, probs: usize, mask: usize, heads: i32, S: i32, seed: u32, threshold: u32, keepScale: f32, r0: i32, r1: i32): void {
  const simd = S & ~3;
  const vseed = i32x4.splat(seed);
  const vthreshold = i32x4.splat(threshold);
  const lanes = i32x4(0, 1, 2, 3);
  for (let r = r0; r < r1; r++) {
    const b = r / S / heads;
    const row = scores + ((<usize>r * <usize>S) << 2);
    const prow = probs + ((<usize>r * <usize>S) << 2);
    const mrow = mask + ((<usize>b * <usize>S) << 2);
    let vmax = f32x4.splat(-Infinity);
    for (let j = 0; j < simd; j += 4) {
      const live = i32x4.ne(v128.load(mrow + (<usize>j << 2)), i32x4.splat(0));
      vmax = f32x4.max(vmax, v128.bitselect(v128.load(row + (<usize>j << 2)), f32x4.splat(-Infinity), live));
    }
    let top: f32 = max(max(f32x4.extract_lane(vmax, 0), f32x4.extract_lane(vmax, 1)), max(f32x4.extract_lane(vmax, 2), f32x4.extract_lane(vmax, 3)));
    for (let j = simd; j < S; j++) if (load<i32>(mrow + (<usize>j << 2)) != 0) top = max(top, load<f32>(row + (<usize>j << 2)));
    if (top == -Infinity) {
      // every key masked: no attention at all
      memory.fill(prow, 0, <usize>S << 2);
      memory.fill(row, 0, <usize>S << 2);
      continue;
    }
    const vm = f32x4.splat(top);
    let vsum = f32x4.splat(0);
    for (let j = 0; j < simd; j += 4) {
      const live = i32x4.ne(v128.load(mrow + (<usize>j << 2)), i32x4.splat(0));
      const e = v128.and(expNeg(f32x4.sub(v128.load(row + (<usize>j << 2)), vm)), live);
      v128.store(prow + (<usize>j << 2), e);
      vsum = f32x4.add(vsum, e);
    }
    let sum: f64 = <f64>f32x4.extract_lane(vsum, 0) + <f64>f32x4.extract_lane(vsum, 1) + <f64>f32x4.extract_lane(vsum, 2) + <f64>f32x4.extract_lane(vsum, 3);
    for (let j = simd; j < S; j++) {
      const e: f32 = load<i32>(mrow + (<usize>j << 2)) != 0 ? expNegScalar(load<f32>(row + (<usize>j << 2)) - top) : 0;
      store<f32>(prow + (<usize>j << 2), e);
      sum += <f64>e;
    }
    const inv = <f32>(1.0 / sum);
    const vinv = f32x4.splat(inv);
    const vscale = f32x4.splat(keepScale);
    const first = <u32>r * <u32>S;
    for (let j = 0; j < simd; j += 4) {
      const p = f32x4.mul(v128.load(prow + (<usize>j << 2)), vinv);
      v128.store(prow + (<usize>j << 2), p);
      if (threshold == 0) v128.store(row + (<usize>j << 2), p);
      else {
        const keep = i32x4.ge_u(keepHash4(vseed, i32x4.add(i32x4.splat(first + <u32>j), lanes)), vthreshold);
        v128.store(row + (<usize>j << 2), v128.and(f32x4.mul(p, vscale), keep));
      }
    }
    for (let j = simd; j < S; j++) {
      const p = load<f32>(prow + (<usize>j << 2)) * inv;
      store<f32>(prow + (<usize>j << 2), p);
      const kept = threshold == 0 || keepHash(seed, first + <u32>j) >= threshold;
      store<f32>(row + (<usize>j << 2), threshold == 0 ? p : kept ? p * keepScale : 0);
    }
  }
}

/** Chunk `chunk` of `chunks` equal row ranges of {@link attentionSoftmaxRows}; keepScale as f32 bits. */
export function attentionSoftmaxChunk(scores: usize, probs: usize, mask: usize, rows: i32, heads: i32, S: i32, seed: i32, threshold: i32, keepScaleBits: i32, chunks: i32, chunk: i32): void {
  const per = (rows + chunks - 1) / chunks;
  const r0 = chunk * per;
  const r1 = min(rows, r0 + per);
  if (r0 < r1) attentionSoftmaxRows(scores, probs, mask, heads, S, <u32>seed, <u32>threshold, reinterpret<f32>(keepScaleBits), r0, r1);
}

/**
 * Rows [r0, r1) of the softmax-with-dropout gradient, in place: with g = dropout(dP) (the same
 * mask as the forward pass), dS = P ⊙ (g − Σ_j g_j P_j).
 */
function attentionSoftmaxGradRows(grad: usize, probs: usize, S: i32, seed: u32, threshold: u32, keepScale: f32, r0: i32, r1: i32): void {
  const simd = S & ~3;
  const vseed = i32x4.splat(seed);
  const vthreshold = i32x4.splat(threshold);
  const vscale = f32x4.splat(keepScale);
  const lanes = i32x4(0, 1, 2, 3);
  for (let r = r0; r < r1; r++) {
    const row = grad + ((<usize>r * <usize>S) << 2);
    const prow = probs + ((<usize>r * <usize>S) << 2);
    const first = <u32>r * <u32>S;
    let vdot = f32x4.splat(0);
    for (let j = 0; j < simd; j += 4) {
      let g = v128.load(row + (<usize>j << 2));
      if (threshold != 0) {
        const keep = i32x4.ge_u(keepHash4(vseed, i32x4.add(i32x4.splat(first + <u32>j), lanes)), vthreshold);
        g = v128.and(f32x4.mul(g, vscale), keep);
        v128.store(row + (<usize>j << 2), g);
      }
      vdot = f32x4.add(vdot, f32x4.mul(g, v128.load(prow + (<usize>j << 2))));
    }
    let dot: f64 = <f64>f32x4.extract_lane(vdot, 0) + <f64>f32x4.extract_lane(vdot, 1) + <f64>f32x4.extract_lane(vdot, 2) + <f64>f32x4.extract_lane(vdot, 3);
    for (let j = simd; j < S; j++) {
      let g = load<f32>(row + (<usize>j << 2));
      if (threshold != 0) {
        g = keepHash(seed, first + <u32>j) >= threshold ? g * keepScale : 0;
        store<f32>(row + (<usize>j << 2), g);
      }
      dot += <f64>(g * load<f32>(prow + (<usize>j << 2)));
    }
    const vd = f32x4.splat(<f32>dot);
    for (let j = 0; j < simd; j += 4) {
      const at = row + (<usize>j << 2);
      v128.store(at, f32x4.mul(v128.load(prow + (<usize>j << 2)), f32x4.sub(v128.load(at), vd)));
    }
    const d = <f32>dot;
    for (let j = simd; j < S; j++) {
      const at = row + (<usize>j << 2);
      store<f32>(at, load<f32>(prow + (<usize>j << 2)) * (load<f32>(at) - d));
    }
  }
}

/** Chunk `chunk` of `chunks` equal row ranges of {@link attentionSoftmaxGradRows}; keepScale as f32 bits. */
export function attentionSoftmaxGradChunk(grad: usize, probs: usize, rows: i32, S: i32, seed: i32, threshold: i32, keepScaleBits: i32, chunks: i32, chunk: i32): void {
  const per = (rows + chunks - 1) / chunks;
  const r0 = chunk * per;
  const r1 = min(rows, r0 + per);
  if (r0 < r1) attentionSoftmaxGradRows(grad, probs, S, <u32>seed, <u32>threshold, reinterpret<f32>(keepScaleBits), r0, r1);
}

// ---------------------------------------------------------------------------------------------
// Element-wise chains of the encoder: bias + GELU, and residual + LayerNorm, with their gradients.

/** erf(x), four lanes: Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7), as TF.js's Erf. */
@inline
function erf4(x: v128): v128 {
  const a = f32x4.abs(x);
  const t = f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(1.0), f32x4.mul(f32x4.splat(0.3275911), a)));
  let p = f32x4.splat(1.061405429);
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(-1.453152027));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(1.421413741));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(-0.284496736));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(0.254829592));
  p = f32x4.mul(p, t);
  const y = f32x4.sub(f32x4.splat(1.0), f32x4.mul(p, expNeg(f32x4.neg(f32x4.mul(a, a)))));
  return v128.or(y, v128.and(x, i32x4.splat(0x80000000))); // erf is odd: the sign of x
}

/** Rows [r0, r1): z += bias (kept: the pre-activation) and out = ½ z (1 + erf(z / √2)). */
function biasGeluRows(z: usize, bias: usize, out: usize, cols: i32, r0: i32, r1: i32): void {
  const simd = cols & ~3;
  const half = f32x4.splat(0.5);
  const invSqrt2 = f32x4.splat(0.7071067811865476);
  for (let r = r0; r < r1; r++) {
    const zr = z + ((<usize>r * <usize>cols) << 2);
    const or = out + ((<usize>r * <usize>cols) << 2);
    for (let j = 0; j < simd; j += 4) {
      const at = <usize>j << 2;
      const v = bias != 0 ? f32x4.add(v128.load(zr + at), v128.load(bias + at)) : v128.load(zr + at);
      v128.store(zr + at, v);
      v128.store(or + at, f32x4.mul(f32x4.mul(half, v), f32x4.add(f32x4.splat(1.0), erf4(f32x4.mul(v, invSqrt2)))));
    }
    for (let j = simd; j < cols; j++) {
      const at = <usize>j << 2;
      const v: f32 = load<f32>(zr + at) + (bias != 0 ? load<f32>(bias + at) : 0);
      store<f32>(zr + at, v);
      const e = f32x4.extract_lane(erf4(f32x4.splat(v * <f32>0.7071067811865476)), 0);
      store<f32>(or + at, <f32>0.5 * v * (<f32>1.0 + e));
    }
  }
}

/** Chunk `chunk` of `chunks` equal row ranges of {@link biasGeluRows} (bias 0 = none). */
export function biasGeluChunk(z: usize, bias: usize, out: usize, rows: i32, cols: i32, chunks: i32, chunk: i32): void {
  const per = (rows + chunks - 1) / chunks;
  const r0 = chunk * per;
  const r1 = min(rows, r0 + per);
  if (r0 < r1) biasGeluRows(z, bias, out, cols, r0, r1);
}

/** Values [i0, i1): grad ← grad · GELU'(z), GELU'(z) = Φ(z) + z φ(z), in place. */
function geluGradRange(z: usize, grad: usize, i0: i32, i1: i32): void {
  const half = f32x4.splat(0.5);
  const invSqrt2 = f32x4.splat(0.7071067811865476);
  const invSqrt2Pi = f32x4.splat(0.3989422804014327);
  let i = i0;
  for (; i + 3 < i1; i += 4) {
    const at = <usize>i << 2;
    const v = v128.load(z + at);
    const cdf = f32x4.mul(half, f32x4.add(f32x4.splat(1.0), erf4(f32x4.mul(v, invSqrt2))));
    const pdf = f32x4.mul(invSqrt2Pi, expNeg(f32x4.mul(f32x4.mul(v, v), f32x4.splat(-0.5))));
    v128.store(grad + at, f32x4.mul(v128.load(grad + at), f32x4.add(cdf, f32x4.mul(v, pdf))));
  }
  for (; i < i1; i++) {
    const at = <usize>i << 2;
    const v = load<f32>(z + at);
    const cdf = <f32>0.5 * (<f32>1.0 + f32x4.extract_lane(erf4(f32x4.splat(v * <f32>0.7071067811865476)), 0));
    const pdf = <f32>0.3989422804014327 * expNegScalar(<f32>-0.5 * v * v);
    store<f32>(grad + at, load<f32>(grad + at) * (cdf + v * pdf));
  }
}

/** Chunk `chunk` of `chunks` equal ranges (multiples of 4) of {@link geluGradRange} over n values. */
export function geluGradChunk(z: usize, grad: usize, n: i32, chunks: i32, chunk: i32): void {
  const per = (((n + chunks - 1) / chunks + 3) / 4) * 4;
  const i0 = chunk * per;
  const i1 = min(n, i0 + per);
  if (i0 < i1) geluGradRange(z, grad, i0, i1);
}

/**
 * Rows [r0, r1) of LayerNorm over `cols` of s = x + residual (residual 0 = none): xhat = (s − mean)
 * · rstd, rstd = 1 / √(var + eps) (biased variance); out = xhat · gamma + beta. Writes xhat over x
 * and rstd per row (both kept for the gradient).
 */
function addLayerNormRows(x: usize, residual: usize, gamma: usize, beta: usize, out: usize, rstd: usize, cols: i32, eps: f32, r0: i32, r1: i32): void {
  const simd = cols & ~3;
  for (let r = r0; r < r1; r++) {
    const xr = x + ((<usize>r * <usize>cols) << 2);
    const rr = residual + ((<usize>r * <usize>cols) << 2);
    const or = out + ((<usize>r * <usize>cols) << 2);
    let vs = f32x4.splat(0);
    for (let j = 0; j < simd; j += 4) {
      const at = <usize>j << 2;
      const v = residual != 0 ? f32x4.add(v128.load(xr + at), v128.load(rr + at)) : v128.load(xr + at);
      v128.store(xr + at, v);
      vs = f32x4.add(vs, v);
    }
    let sum: f64 = <f64>f32x4.extract_lane(vs, 0) + <f64>f32x4.extract_lane(vs, 1) + <f64>f32x4.extract_lane(vs, 2) + <f64>f32x4.extract_lane(vs, 3);
    for (let j = simd; j < cols; j++) {
      const at = <usize>j << 2;
      const v: f32 = load<f32>(xr + at) + (residual != 0 ? load<f32>(rr + at) : 0);
      store<f32>(xr + at, v);
      sum += <f64>v;
    }
    const mean = <f32>(sum / <f64>cols);
    const vm = f32x4.splat(mean);
    let vq = f32x4.splat(0);
    for (let j = 0; j < simd; j += 4) {
      const c = f32x4.sub(v128.load(xr + (<usize>j << 2)), vm);
      vq = f32x4.add(vq, f32x4.mul(c, c));
    }
    let sq: f64 = <f64>f32x4.extract_lane(vq, 0) + <f64>f32x4.extract_lane(vq, 1) + <f64>f32x4.extract_lane(vq, 2) + <f64>f32x4.extract_lane(vq, 3);
    for (let j = simd; j < cols; j++) {
      const c = load<f32>(xr + (<usize>j << 2)) - mean;
      sq += <f64>(c * c);
    }
    const rs = <f32>(1.0 / Math.sqrt(sq / <f64>cols + <f64>eps));
    store<f32>(rstd + (<usize>r << 2), rs);
    const vr = f32x4.splat(rs);
    for (let j = 0; j < simd; j += 4) {
      const at = <usize>j << 2;
      const h = f32x4.mul(f32x4.sub(v128.load(xr + at), vm), vr);
      v128.store(xr + at, h);
      v128.store(or + at, f32x4.add(f32x4.mul(h, v128.load(gamma + at)), v128.load(beta + at)));
    }
    for (let j = simd; j < cols; j++) {
      const at = <usize>j << 2;
      const h = (load<f32>(xr + at) - mean) * rs;
      store<f32>(xr + at, h);
      store<f32>(or + at, h * load<f32>(gamma + at) + load<f32>(beta + at));
    }
  }
}

/** Chunk `chunk` of `chunks` equal row ranges of {@link addLayerNormRows}; eps as f32 bits. */
export function addLayerNormChunk(x: usize, residual: usize, gamma: usize, beta: usize, out: usize, rstd: usize, rows: i32, cols: i32, epsBits: i32, chunks: i32, chunk: i32): void {
  const per = (rows + chunks - 1) / chunks;
  const r0 = chunk * per;
  const r1 = min(rows, r0 + per);
  if (r0 < r1) addLayerNormRows(x, residual, gamma, beta, out, rstd, cols, reinterpret<f32>(epsBits), r0, r1);
}

/**
 * Rows [r0, r1) of LayerNorm's input gradient, in place over dy: with g = dy · gamma,
 * ds = rstd · (g − mean(g) − xhat · mean(g · xhat)).
 */
function layerNormGradRows(dy: usize, xhat: usize, gamma: usize, rstd: usize, cols: i32, r0: i32, r1: i32): void {
  const simd = cols & ~3;
  for (let r = r0; r < r1; r++) {
    const dr = dy + ((<usize>r * <usize>cols) << 2);
    const hr = xhat + ((<usize>r * <usize>cols) << 2);
    let vg = f32x4.splat(0);
    let vgh = f32x4.splat(0);
    for (let j = 0; j < simd; j += 4) {
      const at = <usize>j << 2;
      const g = f32x4.mul(v128.load(dr + at), v128.load(gamma + at));
      vg = f32x4.add(vg, g);
      vgh = f32x4.add(vgh, f32x4.mul(g, v128.load(hr + at)));
    }
    let sg: f64 = <f64>f32x4.extract_lane(vg, 0) + <f64>f32x4.extract_lane(vg, 1) + <f64>f32x4.extract_lane(vg, 2) + <f64>f32x4.extract_lane(vg, 3);
    let sgh: f64 = <f64>f32x4.extract_lane(vgh, 0) + <f64>f32x4.extract_lane(vgh, 1) + <f64>f32x4.extract_lane(vgh, 2) + <f64>f32x4.extract_lane(vgh, 3);
    for (let j = simd; j < cols; j++) {
      const at = <usize>j << 2;
      const g = load<f32>(dr + at) * load<f32>(gamma + at);
      sg += <f64>g;
      sgh += <f64>(g * load<f32>(hr + at));
    }
    const mg = f32x4.splat(<f32>(sg / <f64>cols));
    const mgh = f32x4.splat(<f32>(sgh / <f64>cols));
    const rs = load<f32>(rstd + (<usize>r << 2));
    const vr = f32x4.splat(rs);
    for (let j = 0; j < simd; j += 4) {
      const at = <usize>j << 2;
      const g = f32x4.mul(v128.load(dr + at), v128.load(gamma + at));
      v128.store(dr + at, f32x4.mul(vr, f32x4.sub(f32x4.sub(g, mg), f32x4.mul(v128.load(hr + at), mgh))));
    }
    const sMg = <f32>(sg / <f64>cols);
    const sMgh = <f32>(sgh / <f64>cols);
    for (let j = simd; j < cols; j++) {
      const at = <usize>j << 2;
      const g = load<f32>(dr + at) * load<f32>(gamma + at);
      store<f32>(dr + at, rs * (g - sMg - load<f32>(hr + at) * sMgh));
    }
  }
}

/** Chunk `chunk` of `chunks` equal row ranges of {@link layerNormGradRows}. */
export function layerNormGradChunk(dy: usize, xhat: usize, gamma: usize, rstd: usize, rows: i32, cols: i32, chunks: i32, chunk: i32): void {
  const per = (rows + chunks - 1) / chunks;
  const r0 = chunk * per;
  const r1 = min(rows, r0 + per);
  if (r0 < r1) layerNormGradRows(dy, xhat, gamma, rstd, cols, r0, r1);
}

// ---------------------------------------------------------------------------------------------
// AdamW: one update of a parameter from its gradient, moments updated in place.

/**
 * Values [i0, i1): m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²;
 * p ← p · decay − stepSize · m / (√(v · invC2) + ε), where stepSize = lr / (1 − β1ᵗ) and
 * invC2 = 1 / (1 − β2ᵗ).
 */
function adamwRange(p: usize, g: usize, m: usize, v: usize, decay: f32, beta1: f32, beta2: f32, stepSize: f32, invC2: f32, eps: f32, i0: i32, i1: i32): void {
  const vb1 = f32x4.splat(beta1);
  const vb1c = f32x4.splat(<f32>1.0 - beta1);
  const vb2 = f32x4.splat(beta2);
  const vb2c = f32x4.splat(<f32>1.0 - beta2);
  const vdecay = f32x4.splat(decay);
  const vstep = f32x4.splat(stepSize);
  const vinv = f32x4.splat(invC2);
  const veps = f32x4.splat(eps);
  let i = i0;
  for (; i + 3 < i1; i += 4) {
    const at = <usize>i << 2;
    const gi = v128.load(g + at);
    const mi = f32x4.add(f32x4.mul(vb1, v128.load(m + at)), f32x4.mul(vb1c, gi));
    const vi = f32x4.add(f32x4.mul(vb2, v128.load(v + at)), f32x4.mul(vb2c, f32x4.mul(gi, gi)));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const update = f32x4.div(f32x4.mul(vstep, mi), f32x4.add(f32x4.sqrt(f32x4.mul(vi, vinv)), veps));
    v128.store(p + at, f32x4.sub(f32x4.mul(v128.load(p + at), vdecay), update));
  }
  for (; i < i1; i++) {
    const at = <usize>i << 2;
    const gi = load<f32>(g + at);
    const mi = beta1 * load<f32>(m + at) + (<f32>1.0 - beta1) * gi;
    const vi = beta2 * load<f32>(v + at) + (<f32>1.0 - beta2) * gi * gi;
    store<f32>(m + at, mi);
    store<f32>(v + at, vi);
    store<f32>(p + at, load<f32>(p + at) * decay - (stepSize * mi) / (Mathf.sqrt(vi * invC2) + eps));
  }
}

/** Chunk `chunk` of `chunks` equal ranges (multiples of 4) of {@link adamwRange}; f32 arguments as bits. */
export function adamwChunk(p: usize, g: usize, m: usize, v: usize, n: i32, decayBits: i32, beta1Bits: i32, beta2Bits: i32, stepSizeBits: i32, invC2Bits: i32, epsBits: i32, chunks: i32, chunk: i32): void {
  const per = (((n + chunks - 1) / chunks + 3) / 4) * 4;
  const i0 = chunk * per;
  const i1 = min(n, i0 + per);
  if (i0 < i1)
    adamwRange(p, g, m, v, reinterpret<f32>(decayBits), reinterpret<f32>(beta1Bits), reinterpret<f32>(beta2Bits), reinterpret<f32>(stepSizeBits), reinterpret<f32>(invC2Bits), reinterpret<f32>(epsBits), i0, i1);
}
