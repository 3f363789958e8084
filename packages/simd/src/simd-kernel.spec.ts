import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Rng } from '@ksub/core';
import { defaultFma, defaultThreads, fmaSupported, SimdKernel } from './simd-kernel';
import { GEMM_NT_FMA_WASM } from './wasm/gemm-nt-fma-wasm';
import { GEMM_NT_WASM } from './wasm/gemm-nt-wasm';

function randomMatrix(length: number, seed: number): Float32Array {
  const rng = Rng.fromSeed(seed);
  return Float32Array.from({ length }, () => rng.nextNormal());
}

/** out_b = X_b · Y_bᵀ in float64, the reference. */
function referenceBatch(
  x: Float32Array,
  y: Float32Array,
  batch: number,
  m: number,
  n: number,
  d: number,
): Float64Array {
  const out = new Float64Array(batch * m * n);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < d; t++)
          s += (x[(b * m + i) * d + t] as number) * (y[(b * n + j) * d + t] as number);
        out[(b * m + i) * n + j] = s;
      }
  return out;
}

function runBatch(
  kernel: SimdKernel,
  x: Float32Array,
  y: Float32Array,
  batch: number,
  m: number,
  n: number,
  d: number,
) {
  const xAt = kernel.base;
  const yAt = xAt + x.length * 4;
  const outAt = yAt + y.length * 4;
  kernel.ensure(outAt + batch * m * n * 4 - kernel.base);
  kernel.f32(xAt, x.length).set(x);
  kernel.f32(yAt, y.length).set(y);
  kernel.f32(outAt, batch * m * n).fill(Number.NaN);
  kernel.batchGemmNT(xAt, yAt, outAt, batch, m, n, d);
  return kernel.f32(outAt, batch * m * n).slice();
}

function expectClose(actual: Float32Array, expected: Float64Array, d: number): void {
  expect(actual.length).toBe(expected.length);
  // f32 sums of d products of N(0,1) values: error ~ sqrt(d) · 2^-24 · |terms|, far below this
  const tol = 1e-5 * d;
  let worst = 0;
  actual.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (expected[i] as number)))));
  expect(worst).toBeLessThan(tol);
}

async function waitForWorkers(kernel: SimdKernel, want: number): Promise<void> {
  for (let i = 0; i < 500 && kernel.readyWorkers < want; i++) await new Promise((r) => setTimeout(r, 10));
  expect(kernel.readyWorkers).toBe(want);
}

describe('SimdKernel', () => {
  it('computes X·Yᵀ by hand on the calling thread, with an output stride', () => {
    const kernel = SimdKernel.create({ threads: 1 });
    const x = kernel.base;
    const y = x + 2 * 3 * 4;
    const out = y + 2 * 3 * 4;
    kernel.ensure(out + 2 * 3 * 4 - kernel.base);
    kernel.f32(x, 6).set([1, 2, 3, 4, 5, 6]); // rows (1,2,3), (4,5,6)
    kernel.f32(y, 6).set([1, 0, 0, 1, 1, 1]); // rows (1,0,0), (1,1,1)
    kernel.f32(out, 6).fill(-1);
    kernel.gemmNT(x, 2, y, 2, 3, out, 3); // ldo 3: the third column is left alone
    expect(Array.from(kernel.f32(out, 6))).toEqual([1, 6, -1, 4, 15, -1]);
  });

  it.each([
    [1, 1, 1, 1],
    [3, 7, 5, 3], // odd rows, columns not a multiple of 4, dim not a multiple of 4
    [2, 130, 70, 64], // more than one 64-column cache block
  ])('one thread: batch %i of %i×%i products, dim %i, equals the float64 reference', (batch, m, n, d) => {
    const kernel = SimdKernel.create({ threads: 1 });
    const x = randomMatrix(batch * m * d, 1);
    const y = randomMatrix(batch * n * d, 2);
    expectClose(runBatch(kernel, x, y, batch, m, n, d), referenceBatch(x, y, batch, m, n, d), d);
  });

  it.each([
    [8, 33, 29, 64], // attention-like, tiles split by rows
    [1, 3, 301, 20], // few rows: tiles split by columns
  ])(
    'three threads: batch %i of %i×%i products, dim %i, equals the float64 reference',
    async (batch, m, n, d) => {
      const kernel = SimdKernel.create({ threads: 3 });
      await waitForWorkers(kernel, 2);
      const x = randomMatrix(batch * m * d, 3);
      const y = randomMatrix(batch * n * d, 4);
      const expected = referenceBatch(x, y, batch, m, n, d);
      for (let repeat = 0; repeat < 5; repeat++)
        expectClose(runBatch(kernel, x, y, batch, m, n, d), expected, d);
      await kernel.dispose();
      // after dispose the calling thread does the whole product
      expectClose(runBatch(kernel, x, y, batch, m, n, d), expected, d);
    },
  );

  it.each([1, 3])(
    'softmaxXent (%i threads) equals the float64 loss and scaled softmax − onehot',
    async (threads) => {
      const kernel = SimdKernel.create({ threads });
      await waitForWorkers(kernel, threads - 1);
      const n = 37;
      const classes = 1031; // not a multiple of 4
      const logits = randomMatrix(n * classes, 7).map((v) => v * 6); // spread wide: exps from ~e^-40 up
      const labels = Int32Array.from({ length: n }, (_, i) => (i * 97) % classes);
      const [xAt, lAt, lossAt] = [
        kernel.base,
        kernel.base + n * classes * 4,
        kernel.base + n * classes * 4 + n * 4,
      ];
      kernel.ensure(n * classes * 4 + 2 * n * 4);
      kernel.f32(xAt, n * classes).set(logits);
      new Int32Array(kernel.f32(lAt, n).buffer, lAt, n).set(labels);
      kernel.softmaxXent(xAt, n, classes, lAt, lossAt, xAt, 0.5); // gradient in place
      const losses = kernel.f32(lossAt, n);
      const grad = kernel.f32(xAt, n * classes);
      let worstLoss = 0;
      let worstGrad = 0;
      for (let i = 0; i < n; i++) {
        const row = Array.from(logits.subarray(i * classes, (i + 1) * classes));
        const max = Math.max(...row);
        const sum = row.reduce((a, x) => a + Math.exp(x - max), 0);
        const loss = Math.log(sum) + max - (row[labels[i] as number] as number);
        worstLoss = Math.max(worstLoss, Math.abs((losses[i] as number) - loss) / Math.max(1, loss));
        row.forEach((x, j) => {
          const g = 0.5 * (Math.exp(x - max) / sum - (j === labels[i] ? 1 : 0));
          worstGrad = Math.max(worstGrad, Math.abs((grad[i * classes + j] as number) - g));
        });
      }
      expect(worstLoss).toBeLessThan(1e-6);
      // entries up to 0.5 in f32 (ulp 6e-8) with the polynomial's 2e-7 relative error: a few ulps
      expect(worstGrad).toBeLessThan(1e-6);
      await kernel.dispose();
    },
  );

  it.each([
    [1, 1, 2, 3],
    [2, 3, 37, 29], // odd sizes: scalar edges of the 4 × 4 blocks
    [3, 2, 64, 70], // several 32 × 32 cache blocks, split across threads
  ])(
    'transpose (%i threads): batch %i of %i × %i blocks equals the index formula',
    async (threads, batch, rows, cols) => {
      const kernel = SimdKernel.create({ threads });
      await waitForWorkers(kernel, threads - 1);
      const size = batch * rows * cols;
      const src = Float32Array.from({ length: size }, (_, i) => i);
      kernel.ensure(2 * size * 4);
      kernel.f32(kernel.base, size).set(src);
      kernel.transpose(kernel.base, batch, rows, cols, kernel.base + size * 4);
      const dst = kernel.f32(kernel.base + size * 4, size);
      for (let b = 0; b < batch; b++)
        for (let i = 0; i < rows; i++)
          for (let j = 0; j < cols; j++)
            expect(dst[b * rows * cols + j * rows + i]).toBe(b * rows * cols + i * cols + j);
      await kernel.dispose();
    },
  );

  it.each([1, 2])('gatherSum and scatter (%i threads) equal their index formulas', async (threads) => {
    const kernel = SimdKernel.create({ threads });
    await waitForWorkers(kernel, threads - 1);
    const n = 9;
    const classes = 500;
    const rows = [7, 3];
    const rng = Rng.fromSeed(4);
    const codes = rows.map((r) => Int32Array.from({ length: classes }, () => rng.nextInt(r)));
    const parts = rows.map((r, j) => randomMatrix(n * r, 10 + j));
    // layout: descriptor, codes, P_0, P_1, out
    const descAt = kernel.base;
    const codesAt = descAt + 16;
    const pAt = [codesAt + 2 * classes * 4];
    pAt.push((pAt[0] as number) + n * (rows[0] as number) * 4);
    const outAt = (pAt[1] as number) + n * (rows[1] as number) * 4;
    kernel.ensure(outAt + n * classes * 4 - kernel.base);
    const i32 = (at: number, len: number) => new Int32Array(kernel.f32(at, len).buffer, at, len);
    i32(descAt, 4).set([pAt[0] as number, rows[0] as number, pAt[1] as number, rows[1] as number]);
    codes.forEach((c, j) => i32(codesAt + j * classes * 4, classes).set(c));
    parts.forEach((p, j) => kernel.f32(pAt[j] as number, p.length).set(p));
    kernel.gatherSum(descAt, 2, n, classes, codesAt, outAt);
    const out = kernel.f32(outAt, n * classes).slice();
    for (let i = 0; i < n; i++)
      for (let v = 0; v < classes; v++) {
        const expected = rows.reduce(
          (s, r, j) => s + (parts[j]?.[i * r + (codes[j]?.[v] as number)] as number),
          0,
        );
        expect(Math.abs((out[i * classes + v] as number) - expected)).toBeLessThan(1e-5);
      }
    // scatter back a gradient of ones: dP_j[i, r] counts the classes whose code is r
    kernel.f32(outAt, n * classes).fill(1);
    kernel.scatter(outAt, 2, n, classes, codesAt, descAt);
    rows.forEach((r, j) => {
      const dp = kernel.f32(pAt[j] as number, n * r);
      for (let c = 0; c < r; c++) {
        const count = (codes[j] as Int32Array).filter((x) => x === c).length;
        for (let i = 0; i < n; i++) expect(dp[i * r + c]).toBe(count);
      }
    });
    await kernel.dispose();
  });

  it('rejects bad thread counts and memory requests, naming them', () => {
    expect(() => SimdKernel.create({ threads: 0 })).toThrow('threads must be a positive integer; got 0');
    expect(() => SimdKernel.create({ threads: 1.5 })).toThrow('got 1.5');
    const kernel = SimdKernel.create({ threads: 1 });
    expect(() => kernel.ensure(3 * 2 ** 30)).toThrow(/bytes must be at most \d+; got 3221225472/);
  });

  it('reads KSUB_THREADS', () => {
    const saved = process.env['KSUB_THREADS'];
    try {
      process.env['KSUB_THREADS'] = '3';
      expect(defaultThreads()).toBe(3);
      process.env['KSUB_THREADS'] = 'two';
      expect(() => defaultThreads()).toThrow('KSUB_THREADS must be a positive integer; got "two"');
    } finally {
      if (saved === undefined) delete process.env['KSUB_THREADS'];
      else process.env['KSUB_THREADS'] = saved;
    }
  });

  it.each([
    ['GEMM_NT_WASM', GEMM_NT_WASM],
    ['GEMM_NT_FMA_WASM', GEMM_NT_FMA_WASM],
  ])('ships %s compiled from assembly/gemm-nt.ts (rebuild: nx run simd:wasm)', (name, shipped) => {
    const root = resolve(__dirname, '../../..');
    const project = JSON.parse(readFileSync(join(root, 'packages/simd/project.json'), 'utf8'));
    const command = (project.targets.wasm.options.commands as string[]).find((c) => c.split(' ')[4] === name);
    const flags = (command as string).split(' ').slice(5);
    const dir = mkdtempSync(join(tmpdir(), 'ksub-asc-'));
    const out = join(dir, 'k.ts');
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'tools/scripts/build-wasm.mjs'),
        join(root, 'packages/simd/assembly/gemm-nt.ts'),
        out,
        'K',
        ...flags,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    const fresh = /'([A-Za-z0-9+/=]+)'/.exec(readFileSync(out, 'utf8'))?.[1];
    rmSync(dir, { recursive: true, force: true });
    expect(fresh).toBe(shipped);
  });
});

/** The dropout hash of `attentionKeep` in @ksub/tensor (the reference the kernel must match). */
function keepReference(seed: number, index: number, rate: number): boolean {
  let z = (seed ^ Math.imul(index, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z = (z ^ (z >>> 15)) >>> 0;
  return z / 4294967296 >= rate;
}

describe('SimdKernel attention softmax', () => {
  it.each([
    [1, 7, 0], // a row length that is not a multiple of 4, no dropout
    [1, 8, 0.3],
    [3, 13, 0.1],
    [3, 32, 0.5],
  ])(
    '%i thread(s), %i keys, dropout %f: equals the float64 masked softmax, dropout and gradient',
    async (threads, S, rate) => {
      const kernel = SimdKernel.create({ threads });
      await waitForWorkers(kernel, threads - 1);
      const [B, H] = [3, 2];
      const rows = B * H * S;
      const scores = randomMatrix(rows * S, 11).map((v) => v * 4);
      const upstream = randomMatrix(rows * S, 12);
      // batch 0: all keys live; batch 1: the last two masked; batch 2: every key masked
      const mask = Int32Array.from({ length: B * S }, (_, i) => {
        const [b, j] = [Math.floor(i / S), i % S];
        return b === 0 || (b === 1 && j < S - 2) ? 1 : 0;
      });
      const seed = 77;
      const threshold = Math.min(Math.ceil(rate * 2 ** 32), 2 ** 32 - 1);
      const keepScale = rate > 0 ? 1 / (1 - rate) : 1;
      const at = [0, 1, 2, 3].map((i) => kernel.base + i * rows * S * 4);
      const [sAt, pAt, gAt, mAt] = at as [number, number, number, number];
      kernel.ensure(3 * rows * S * 4 + B * S * 4);
      kernel.f32(sAt, rows * S).set(scores);
      new Int32Array(kernel.f32(mAt, B * S).buffer, mAt, B * S).set(mask);
      kernel.attentionSoftmax(sAt, pAt, mAt, rows, H, S, seed, rate > 0 ? threshold : 0, keepScale);
      const probs = kernel.f32(pAt, rows * S).slice();
      const dropped = kernel.f32(sAt, rows * S).slice();
      kernel.f32(gAt, rows * S).set(upstream);
      kernel.attentionSoftmaxGrad(gAt, pAt, rows, S, seed, rate > 0 ? threshold : 0, keepScale);
      const grad = kernel.f32(gAt, rows * S).slice();
      let worst = 0;
      for (let r = 0; r < rows; r++) {
        const b = Math.floor(r / S / H);
        const live = (j: number) => mask[b * S + j] !== 0;
        let top = -Infinity;
        for (let j = 0; j < S; j++) if (live(j)) top = Math.max(top, scores[r * S + j] as number);
        const e = Array.from({ length: S }, (_, j) =>
          live(j) ? Math.exp((scores[r * S + j] as number) - top) : 0,
        );
        const sum = e.reduce((p, q) => p + q, 0);
        const p = e.map((v) => (sum > 0 ? v / sum : 0));
        const keep = (j: number) => rate === 0 || keepReference(seed, r * S + j, rate);
        const g = p.map((_, j) => (keep(j) ? (upstream[r * S + j] as number) * keepScale : 0));
        const dot = g.reduce((acc, v, j) => acc + v * (p[j] as number), 0);
        for (let j = 0; j < S; j++) {
          const i = r * S + j;
          worst = Math.max(
            worst,
            Math.abs((probs[i] as number) - (p[j] as number)),
            Math.abs((dropped[i] as number) - (keep(j) ? (p[j] as number) * keepScale : 0)),
            Math.abs((grad[i] as number) - (p[j] as number) * ((g[j] as number) - dot)),
          );
          if (!keep(j)) expect(dropped[i]).toBe(0); // dropped entries exactly, by the same hash
        }
        if (b === 2) expect(probs.subarray(r * S, (r + 1) * S).every((v) => v === 0)).toBe(true);
      }
      expect(worst).toBeLessThan(2e-6);
      await kernel.dispose();
    },
  );
});

/** erf in float64 (series / continued fraction are overkill here: A&S 7.1.26's error is 1.5e-7). */
function erfReference(x: number): number {
  // Maclaurin series to 60 terms is exact to double precision for |x| ≤ 4; erf(x) = ±1 beyond
  if (Math.abs(x) > 4) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('SimdKernel element-wise chains', () => {
  it.each([
    [1, 5, 7],
    [3, 256, 68], // 3 threads split the rows (the kernel keeps under 2¹⁶ units of work on one thread)
  ])(
    'bias + GELU and its gradient (%i thread(s), %i × %i) equal the float64 formulas',
    async (threads, rows, cols) => {
      const kernel = SimdKernel.create({ threads });
      await waitForWorkers(kernel, threads - 1);
      const z = randomMatrix(rows * cols, 21).map((v) => v * 3);
      const bias = randomMatrix(cols, 22);
      const dy = randomMatrix(rows * cols, 23);
      const n = rows * cols;
      const [zAt, bAt, oAt, gAt] = [0, 1, 2, 3].map((i) => kernel.base + i * n * 4) as [
        number,
        number,
        number,
        number,
      ];
      kernel.ensure(4 * n * 4);
      kernel.f32(zAt, n).set(z);
      kernel.f32(bAt, cols).set(bias);
      kernel.biasGelu(zAt, bAt, oAt, rows, cols);
      const pre = kernel.f32(zAt, n).slice();
      const out = kernel.f32(oAt, n).slice();
      kernel.f32(gAt, n).set(dy);
      kernel.geluGrad(zAt, gAt, n);
      const grad = kernel.f32(gAt, n).slice();
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const v = (z[i] as number) + (bias[i % cols] as number);
        const cdf = 0.5 * (1 + erfReference(v / Math.SQRT2));
        const pdf = Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
        worst = Math.max(
          worst,
          Math.abs((pre[i] as number) - v),
          Math.abs((out[i] as number) - v * cdf),
          Math.abs((grad[i] as number) - (dy[i] as number) * (cdf + v * pdf)),
        );
      }
      expect(worst).toBeLessThan(2e-6);
      await kernel.dispose();
    },
  );

  it.each([
    [1, 5, 7, true],
    [3, 160, 36, true],
    [2, 160, 128, false],
  ])(
    'residual + LayerNorm and its gradient (%i thread(s), %i × %i, residual %p) equal the float64 formulas',
    async (threads, rows, cols, withResidual) => {
      const kernel = SimdKernel.create({ threads });
      await waitForWorkers(kernel, threads - 1);
      const n = rows * cols;
      const x = randomMatrix(n, 31).map((v) => v * 2 + 1);
      const residual = randomMatrix(n, 32);
      const gamma = randomMatrix(cols, 33);
      const beta = randomMatrix(cols, 34);
      const dy = randomMatrix(n, 35);
      const eps = 1e-5;
      const at: number[] = [];
      let offset = kernel.base;
      for (const size of [n, n, cols, cols, n, rows, n]) {
        at.push(offset);
        offset += size * 4;
      }
      kernel.ensure(offset - kernel.base);
      const [xAt, rAt, gmAt, btAt, oAt, sAt, dAt] = at as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      kernel.f32(xAt, n).set(x);
      kernel.f32(rAt, n).set(residual);
      kernel.f32(gmAt, cols).set(gamma);
      kernel.f32(btAt, cols).set(beta);
      kernel.addLayerNorm(xAt, withResidual ? rAt : 0, gmAt, btAt, oAt, sAt, rows, cols, eps);
      const out = kernel.f32(oAt, n).slice();
      kernel.f32(dAt, n).set(dy);
      kernel.layerNormGrad(dAt, xAt, gmAt, sAt, rows, cols);
      const grad = kernel.f32(dAt, n).slice();
      let worst = 0;
      for (let r = 0; r < rows; r++) {
        const s = Array.from(
          { length: cols },
          (_, j) => (x[r * cols + j] as number) + (withResidual ? (residual[r * cols + j] as number) : 0),
        );
        const mean = s.reduce((p, q) => p + q, 0) / cols;
        const variance = s.reduce((p, q) => p + (q - mean) ** 2, 0) / cols;
        const rstd = 1 / Math.sqrt(variance + eps);
        const h = s.map((v) => (v - mean) * rstd);
        const g = h.map((_, j) => (dy[r * cols + j] as number) * (gamma[j] as number));
        const mg = g.reduce((p, q) => p + q, 0) / cols;
        const mgh = g.reduce((p, q, j) => p + q * (h[j] as number), 0) / cols;
        for (let j = 0; j < cols; j++) {
          const want = (h[j] as number) * (gamma[j] as number) + (beta[j] as number);
          const wantGrad = rstd * ((g[j] as number) - mg - (h[j] as number) * mgh);
          worst = Math.max(
            worst,
            Math.abs((out[r * cols + j] as number) - want),
            Math.abs((grad[r * cols + j] as number) - wantGrad),
          );
        }
      }
      expect(worst).toBeLessThan(2e-5);
      await kernel.dispose();
    },
  );
});

describe('SimdKernel with fused multiply-adds', () => {
  it('runs in Node (V8 ≥ 11.3 has relaxed SIMD, behind a flag ksub turns on in Node 20)', () => {
    expect(fmaSupported()).toBe(true);
    expect(SimdKernel.create({ threads: 1, fma: true }).fma).toBe(true);
    expect(SimdKernel.create({ threads: 1, fma: false }).fma).toBe(false);
  });

  it.each([
    [1, 3, 7, 5, 3],
    [1, 2, 130, 70, 64],
    [2, 8, 33, 29, 64],
  ])(
    '%i thread(s): batch %i of %i×%i products, dim %i, equals the float64 reference and differs from the plain kernel only by rounding',
    async (threads, batch, m, n, d) => {
      const fused = SimdKernel.create({ threads, fma: true });
      const plain = SimdKernel.create({ threads: 1, fma: false });
      await waitForWorkers(fused, threads - 1);
      const x = randomMatrix(batch * m * d, 5);
      const y = randomMatrix(batch * n * d, 6);
      const expected = referenceBatch(x, y, batch, m, n, d);
      const a = runBatch(fused, x, y, batch, m, n, d);
      const b = runBatch(plain, x, y, batch, m, n, d);
      expectClose(a, expected, d);
      expectClose(b, expected, d);
      // one rounding per multiply-add instead of two: some outputs differ in their last bits (the
      // products' four-lane part is fused; a dim below 4 has only the scalar tail, which is not)
      if (d >= 4) expect(a.some((v, i) => v !== b[i])).toBe(true);
      await fused.dispose();
    },
  );

  it('reads KSUB_SIMD_FMA, naming it when it is not 0 or 1', () => {
    const saved = process.env['KSUB_SIMD_FMA'];
    try {
      process.env['KSUB_SIMD_FMA'] = '0';
      expect(defaultFma()).toBe(false);
      expect(SimdKernel.create({ threads: 1 }).fma).toBe(false);
      process.env['KSUB_SIMD_FMA'] = '1';
      expect(defaultFma()).toBe(true);
      delete process.env['KSUB_SIMD_FMA'];
      expect(defaultFma()).toBe(fmaSupported());
      process.env['KSUB_SIMD_FMA'] = 'yes';
      expect(() => defaultFma()).toThrow('KSUB_SIMD_FMA must be 0 or 1; got "yes"');
    } finally {
      if (saved === undefined) delete process.env['KSUB_SIMD_FMA'];
      else process.env['KSUB_SIMD_FMA'] = saved;
    }
  });

  it('rejects a non-boolean fma, naming it', () => {
    expect(() => SimdKernel.create({ threads: 1, fma: 'yes' as unknown as boolean })).toThrow(
      'SimdKernel.create: fma must be a boolean; got "yes"',
    );
  });
});
