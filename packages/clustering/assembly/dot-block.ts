// AssemblyScript source of the SIMD dot-product kernel (compiled by `nx run clustering:wasm` into
// src/wasm/dot-block-wasm.ts). All pointers are byte offsets into the imported memory.

/**
 * out[i * k + j] = x_i · c_j for `rows` rows of `x` and `k` rows of `c`, all `dim` wide (f32,
 * row-major). Two rows × four centroids per register block, four lanes per step.
 */
export function dotBlock(x: usize, rows: i32, c: usize, k: i32, dim: i32, out: usize): void {
  const stride = <usize>(dim << 2);
  const simdDim = dim & ~3;
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const x0 = x + <usize>i * stride;
    const x1 = x0 + stride;
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const c0 = c + <usize>j * stride;
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
        a00 = f32x4.add(a00, f32x4.mul(v0, w0));
        a01 = f32x4.add(a01, f32x4.mul(v0, w1));
        a02 = f32x4.add(a02, f32x4.mul(v0, w2));
        a03 = f32x4.add(a03, f32x4.mul(v0, w3));
        a10 = f32x4.add(a10, f32x4.mul(v1, w0));
        a11 = f32x4.add(a11, f32x4.mul(v1, w1));
        a12 = f32x4.add(a12, f32x4.mul(v1, w2));
        a13 = f32x4.add(a13, f32x4.mul(v1, w3));
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
      const o0 = out + ((<usize>i * <usize>k + <usize>j) << 2);
      const o1 = o0 + (<usize>k << 2);
      store<f32>(o0, s00);
      store<f32>(o0 + 4, s01);
      store<f32>(o0 + 8, s02);
      store<f32>(o0 + 12, s03);
      store<f32>(o1, s10);
      store<f32>(o1 + 4, s11);
      store<f32>(o1 + 8, s12);
      store<f32>(o1 + 12, s13);
    }
    for (; j < k; j++) {
      const cj = c + <usize>j * stride;
      store<f32>(out + ((<usize>i * <usize>k + <usize>j) << 2), dot(x0, cj, dim, simdDim));
      store<f32>(out + (((<usize>i + 1) * <usize>k + <usize>j) << 2), dot(x1, cj, dim, simdDim));
    }
  }
  for (; i < rows; i++) {
    const xi = x + <usize>i * stride;
    for (let j = 0; j < k; j++) {
      store<f32>(out + ((<usize>i * <usize>k + <usize>j) << 2), dot(xi, c + <usize>j * stride, dim, simdDim));
    }
  }
}

@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

function dot(a: usize, b: usize, dim: i32, simdDim: i32): f32 {
  let acc = f32x4.splat(0);
  for (let d = 0; d < simdDim; d += 4) {
    const off = <usize>(d << 2);
    acc = f32x4.add(acc, f32x4.mul(v128.load(a + off), v128.load(b + off)));
  }
  let s = hsum(acc);
  for (let d = simdDim; d < dim; d++) s += load<f32>(a + (<usize>d << 2)) * load<f32>(b + (<usize>d << 2));
  return s;
}
