import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assert, type EmbeddingMatrix, factorBytes, factorParameters, reconstructTable } from '@ksub/core';
import { acquireLock, lockRunDirectory, writeFileAtomic } from '@ksub/core/node';
import { bagOfWordsBaseline, bootstrapInterval, computeMetric } from '@ksub/evaluation';
import { type GraphModelFiles, graphModelWeight, readGraphModelFiles, USE_LITE } from '@ksub/pretrained';
import { writeModelOutputs } from './model-outputs';
import { modelVectors } from './model-vectors';
import { closeness, type ScoredOutputs, scoreOutputs } from './score-model';
import { rowCosines } from '@ksub/evaluation';
import { getTableCompressor } from './table-compressors';
import { loadUseLiteData, type UseLiteData, type UseLiteDataOptions } from './use-lite-data';
import { recordKey, type UseLiteRecord } from './use-lite-record';

/** What {@link runUseLiteStudy} runs. */
export interface UseLiteStudyOptions {
  /** The USE-lite `model.json`. */
  readonly modelJson: string;
  /** Registered table compressors. */
  readonly methods: readonly string[];
  /** Compression ratios of the table (table bytes / budget bytes). */
  readonly ratios: readonly number[];
  readonly data: UseLiteDataOptions;
  /** Seed of the compressors' randomness. */
  readonly seed: number;
  /** Where `results.jsonl` and `study.json` go; a finished row is not run again. */
  readonly outDir: string;
  /** Progress bars. */
  readonly progress: boolean;
  /** AutoEncoder epochs (default the paper's 30). */
  readonly aeEpochs?: number;
  /**
   * Run only every `count`-th (method, ratio) row starting at `index` (default: all rows). Shards of
   * one study run as separate processes on the same directory — one per core — each with its own
   * lock and results file; every shard skips the rows any results file already holds.
   */
  readonly shard?: { readonly index: number; readonly count: number };
}

/** The results file of a shard (`results.jsonl` for an unsharded study). */
export const resultsFile = (shard: { index: number; count: number }) =>
  shard.count === 1 ? 'results.jsonl' : `results.shard-${shard.index + 1}-of-${shard.count}.jsonl`;

/** Every record in a study directory's results files (`results*.jsonl`), in file-name order. */
export async function readStudyRecords(dir: string): Promise<UseLiteRecord[]> {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => /^results(\.shard-\d+-of-\d+)?\.jsonl$/.test(n))
    .sort();
  const all: UseLiteRecord[] = [];
  for (const name of names) all.push(...(await readRecords(join(dir, name))));
  return all;
}
const STUDY = 'study.json';
/** Gold labels of the probes' test splits and the pairs (the report pairs models with them). */
export const GOLD = 'gold.json';

async function readRecords(path: string): Promise<UseLiteRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as UseLiteRecord;
      } catch {
        throw new SyntaxError(`useLite: ${path} line ${i + 1} is not JSON: ${line.slice(0, 80)}`);
      }
    });
}

/** The study's settings as `study.json` stores them: a resumed run must match them. */
const studyIdentity = (o: UseLiteStudyOptions) =>
  JSON.stringify(
    { methods: o.methods, ratios: o.ratios, data: o.data, seed: o.seed, aeEpochs: o.aeEpochs ?? 30 },
    null,
    2,
  );

function bagOfWordsRecord(data: UseLiteData): UseLiteRecord {
  const probes = data.probes.map((task) => {
    const bow = bagOfWordsBaseline({
      train: task.splits.train.examples,
      dev: task.splits.dev.examples,
      test: task.splits.test.examples,
      numLabels: task.numLabels,
      metric: task.metric,
    });
    const gold = task.splits.test.labels;
    const test = bootstrapInterval(gold.length, (idx) =>
      computeMetric(
        task.metric,
        Array.from(idx, (i) => bow.predictions[i] as number),
        Array.from(idx, (i) => gold[i] as number),
      ),
    );
    return {
      task: task.task,
      metric: task.metric,
      l2: bow.l2,
      dev: bow.devScore,
      test: { estimate: test.estimate, low: test.low, high: test.high },
    };
  });
  return {
    method: 'bag-of-words',
    ratio: 0,
    settings: '',
    parameters: 0,
    bytes: 0,
    achievedRatio: 0,
    seconds: 0,
    probes,
  };
}

/**
 * Compresses the USE-lite token table with every method at every ratio and measures each
 * compressed model with the encoder frozen against the uncompressed one: table and sentence-vector
 * closeness, probes on the tasks' held-out splits and paraphrase ranking, with 95% intervals and
 * paired differences to the original. Rows are appended to `outDir/results.jsonl` as they finish
 * (the file is rewritten atomically), so an interrupted study resumes where it stopped; the
 * directory is locked while it runs, and a resumed study must have the same settings.
 *
 * @returns every record, the original and bag-of-words first
 */
export async function runUseLiteStudy(options: UseLiteStudyOptions): Promise<UseLiteRecord[]> {
  const fn = 'useLite';
  const shard = options.shard ?? { index: 0, count: 1 };
  assert(
    Number.isInteger(shard.count) &&
      shard.count >= 1 &&
      Number.isInteger(shard.index) &&
      shard.index >= 0 &&
      shard.index < shard.count,
    () => `${fn}: shard must be {index, count} with 0 ≤ index < count; got ${JSON.stringify(shard)}`,
    RangeError,
  );
  // shards lock only themselves: two shards start together; do not run an unsharded study beside them
  const lock =
    shard.count === 1
      ? await lockRunDirectory(options.outDir, 'use-lite study')
      : await mkdir(options.outDir, { recursive: true }).then(() =>
          acquireLock(
            join(options.outDir, `.ksub-shard-${shard.index + 1}-of-${shard.count}.lock`),
            'use-lite study shard',
          ),
        );
  try {
    const studyPath = join(options.outDir, STUDY);
    const identity = studyIdentity(options);
    const stored = await readFile(studyPath, 'utf8').catch(() => undefined);
    const resultsPath = join(options.outDir, resultsFile(shard));
    const records = await readRecords(resultsPath);
    const everyRecord = await readStudyRecords(options.outDir);
    assert(
      stored === undefined ? everyRecord.length === 0 : stored === identity,
      () =>
        `${fn}: ${options.outDir} holds a study with other settings (${studyPath}); choose another --out or remove that directory yourself`,
      Error,
    );
    if (stored === undefined) await writeFileAtomic(studyPath, identity);
    const done = new Set(everyRecord.map(recordKey));
    const save = async (record: UseLiteRecord) => {
      records.push(record);
      done.add(recordKey(record));
      await writeFileAtomic(resultsPath, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    };
    const files: GraphModelFiles = await readGraphModelFiles(options.modelJson);
    const table: EmbeddingMatrix = graphModelWeight(files, USE_LITE.table);
    const tableBytes = 4 * table.rows * table.cols;
    const data = await loadUseLiteData(options.data);
    if (data.pairsSkipped) process.stderr.write(`useLite: ${data.pairsSkipped}\n`);
    process.stderr.write(
      `useLite: ${data.sentences.ids.length} sentences (of ${data.sentences.eligible}), ${data.perModel} sentences embedded per model\n`,
    );
    await writeFileAtomic(
      join(options.outDir, GOLD),
      JSON.stringify({
        tasks: Object.fromEntries(
          data.probes.map((p) => [p.task, { metric: p.metric, labels: Array.from(p.splits.test.labels) }]),
        ),
        ...(data.pairs ? { pairs: Array.from(data.pairs.labels) } : {}),
      }) + '\n',
    );
    const label = (what: string) => (options.progress ? what : undefined);
    const original = await modelVectors(files, undefined, data, label('original'));
    const reference: ScoredOutputs = scoreOutputs(data, original);
    const predictionsOf = (scored: ScoredOutputs) =>
      Object.fromEntries(data.probes.map((p, t) => [p.task, Array.from(scored.predictions[t] ?? [])]));
    if (shard.index === 0 && !done.has('original@1')) {
      await writeModelOutputs(options.outDir, {
        method: 'original',
        ratio: 1,
        predictions: predictionsOf(reference),
        ...(reference.pairScores ? { pairScores: Array.from(reference.pairScores) } : {}),
      });
      await save({
        method: 'original',
        ratio: 1,
        settings: `${table.rows}×${table.cols}`,
        parameters: table.rows * table.cols,
        bytes: tableBytes,
        achievedRatio: 1,
        seconds: 0,
        probes: reference.probes,
        ...(reference.paraphrase ? { paraphrase: reference.paraphrase } : {}),
      });
    }
    if (shard.index === 0 && !done.has('bag-of-words@0')) await save(bagOfWordsRecord(data));
    let row = -1;
    for (const method of options.methods) {
      const compressor = getTableCompressor(method, {
        progress: options.progress,
        ...(options.aeEpochs === undefined ? {} : { aeEpochs: options.aeEpochs }),
      });
      for (const ratio of options.ratios) {
        row += 1;
        if (row % shard.count !== shard.index || done.has(`${method}@${ratio}`)) continue;
        const started = performance.now();
        const compressed = await compressor.compress(table, {
          bytes: tableBytes / ratio,
          seed: options.seed,
        });
        const seconds = (performance.now() - started) / 1000;
        const rebuilt = reconstructTable(compressed.factors);
        const vectors = await modelVectors(files, rebuilt, data, label(`${method} ×${ratio}`));
        const close = closeness(table, rebuilt, original.sentences, vectors.sentences);
        const scored = scoreOutputs(data, vectors, reference);
        const bytes = factorBytes(compressed.factors);
        await writeModelOutputs(options.outDir, {
          method,
          ratio,
          sentenceCosines: Array.from(rowCosines(original.sentences, vectors.sentences, USE_LITE.outputDim)),
          predictions: predictionsOf(scored),
          ...(scored.pairScores ? { pairScores: Array.from(scored.pairScores) } : {}),
        });
        await save({
          method,
          ratio,
          settings: Object.entries(compressed.settings)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
          parameters: factorParameters(compressed.factors),
          bytes,
          achievedRatio: tableBytes / bytes,
          seconds,
          ...close,
          probes: scored.probes,
          ...(scored.paraphrase ? { paraphrase: scored.paraphrase } : {}),
        });
        process.stderr.write(
          `useLite: ${method} ×${ratio} (${bytes} bytes): sentence cosine ${close.sentenceCosine.estimate.toFixed(4)}, ${scored.probes.map((p) => `${p.task} ${(100 * p.test.estimate).toFixed(1)}`).join(', ')}\n`,
        );
      }
    }
    return records;
  } finally {
    await lock.release();
  }
}
