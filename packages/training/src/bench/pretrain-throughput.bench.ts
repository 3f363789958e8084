// Benchmark (nx run training:bench): training tokens/s and peak memory of one MLM update
// (forward, backward, AdamW; logits at the masked 15% only) with a full and a k-sub (k = 3,
// Algorithm 1 with the radix allocator) embedding, against the same architecture and batch in
// PyTorch on CPU (bench/torch_mlm_step.py, Debian's python3-torch) in the same run. Two shapes:
//   mini         — the `mini` preset (2 layers, d 128, 2 heads, FFN 512) at batch 16 × 128;
//   paper-medium — the `paper-medium` preset, the paper's RoBERTa-medium (8 layers, d 512, 8 heads,
//                  FFN 2048), at batch 8 × 128. Both with RoBERTa's 50,265-token vocabulary.
// Each ksub model trains in its own Node process (this file with --child, the nx target's flags,
// running bench-child.ts), so
// its peak RSS (getrusage maxRSS) is its own and not inflated by the model before it; PyTorch's is
// its process's peak too, Python and torch included. Sequences: real ones from
// data/english-offline-roberta-gpt2 when prepared, else random ids; PyTorch trains on the same batch.
// Printed per shape: full, 3-sub and PyTorch ms/update, tokens/s and peak RSS, the ratios of the two
// ksub models' tokens/s and peak RSS to PyTorch's, and 3-sub / full tokens/s.
// Options: --preset NAME (only that preset: paper-medium at batch 8 × 128, others 16 × 128; default
// both shapes above), --steps N (timed updates, median reported; default 5), --warmup N (untimed
// updates first; default 2). KSUB_THREADS sets the threads of the SIMD kernel and of PyTorch.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '@ksub/core';
import { collateMlm, type MlmBatch, openCorpus } from '@ksub/corpus';
import { getTokenizer } from '@ksub/tokenizers';
import { PRESETS, type PresetName, presetConfig, type TransformerConfig } from '@ksub/transformer';
import { batchJson, type ChildResult, child, type Embedding, EMBEDDINGS } from './bench-child';

const NAME = 'training:bench';
const ROOT = resolve(__dirname, '../../../..');
const SEQ = 128;
/** The flags of the nx `bench` target, for the child processes. */
const NODE_FLAGS = ['--max-old-space-size=8192', '--conditions=@ksub/source', '-r', '@swc-node/register'];
const INSTALL_HINT =
  "npx nx run training:setup-bench installs Debian's python3-torch and libopenblas0-pthread";

/** Rows of a batch per preset: paper-medium at 8 × 128 (a step of the paper's preset), others at 16 × 128. */
const BATCH_OF: Readonly<Record<PresetName, number>> = { 'paper-medium': 8, mini: 16, tiny: 16 };
const DEFAULT_PRESETS: readonly PresetName[] = ['mini', 'paper-medium'];

/** What the PyTorch peer reports. */
interface TorchResult {
  tokens_per_second: number;
  seconds_per_step: number;
  threads: number;
  params: number;
  peak_rss_mb: number;
}

interface Options {
  presets: readonly PresetName[];
  steps: number;
  warmup: number;
  child: boolean;
  embedding: Embedding;
}

function parseOptions(args: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        preset: { type: 'string' },
        steps: { type: 'string', default: '5' },
        warmup: { type: 'string', default: '2' },
        child: { type: 'boolean', default: false },
        embedding: { type: 'string', default: 'full' },
      },
    }));
  } catch (error) {
    throw new RangeError(`${NAME}: ${(error as Error).message}`);
  }
  const whole = (flag: string, raw: string, min: number): number => {
    if (!/^\d+$/.test(raw) || Number(raw) < min)
      throw new RangeError(
        `${NAME}: --${flag} must be a ${min > 0 ? 'positive' : 'non-negative'} integer; got ${JSON.stringify(raw)}`,
      );
    return Number(raw);
  };
  const preset = values.preset;
  if (preset !== undefined && !Object.hasOwn(PRESETS, preset))
    throw new RangeError(
      `${NAME}: --preset must be one of ${Object.keys(PRESETS).join(', ')}; got ${JSON.stringify(preset)}`,
    );
  if (!Object.hasOwn(EMBEDDINGS, values.embedding))
    throw new RangeError(
      `${NAME}: --embedding must be full or ksub; got ${JSON.stringify(values.embedding)}`,
    );
  return {
    presets: preset === undefined ? DEFAULT_PRESETS : [preset as PresetName],
    steps: whole('steps', values.steps, 1),
    warmup: whole('warmup', values.warmup, 0),
    child: values.child,
    embedding: values.embedding as Embedding,
  };
}

/** One model's figures, or why it has none. */
type Outcome = { ok: true; params: number; msPerUpdate: number; peakRssMb: number; detail: string } | Failure;
interface Failure {
  ok: false;
  reason: string;
}

/**
 * The last line of a process's stdout as JSON, or a failure with the process's last error line.
 * Its stderr is passed on first, so warnings and a failure's stack still show.
 */
function lastJsonLine<T>(run: ReturnType<typeof spawnSync>): { ok: true; value: T } | Failure {
  const stderr = String(run.stderr ?? '');
  if (stderr !== '') process.stderr.write(stderr);
  if (run.error !== undefined) return { ok: false, reason: `did not start: ${run.error.message}` };
  if (run.status !== 0) {
    const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !/^\s+at /.test(l));
    const cause = lines.filter((l) => /error|abort/i.test(l)).at(-1) ?? lines.at(-1) ?? 'no message';
    return { ok: false, reason: `exit ${run.status ?? run.signal}: ${cause.trim().slice(0, 240)}` };
  }
  return { ok: true, value: JSON.parse(String(run.stdout).trim().split('\n').at(-1) as string) as T };
}

/** Trains one ksub model in a child Node process (the nx target's flags) on the batch `input`. */
function runChild(preset: PresetName, embedding: Embedding, input: string, options: Options): Outcome {
  const args = [__filename, '--child', '--preset', preset, '--embedding', embedding];
  args.push('--steps', String(options.steps), '--warmup', String(options.warmup));
  const run = spawnSync(process.execPath, [...NODE_FLAGS, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const out = lastJsonLine<ChildResult>(run);
  if (!out.ok) return out;
  const r = out.value;
  return { ...r, ok: true, detail: `backend ${r.backend}, SIMD kernel threads ${r.threads}` };
}

/** A python3 that imports torch, or null. */
function torchPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** The same step in PyTorch, on the same batch (`input`) and with as many position rows as ksub. */
function runTorch(
  python: string,
  config: TransformerConfig,
  batch: MlmBatch,
  input: string,
  options: Options,
): Outcome {
  const { hidden, layers, heads, intermediate, vocabSize, maxPositions } = config;
  const sizes = [hidden, layers, heads, intermediate, vocabSize, batch.batchSize, SEQ, options.steps];
  const flags = ['--positions', String(maxPositions), '--warmup', String(options.warmup), '--batch-stdin'];
  const script = join(__dirname, '../../bench/torch_mlm_step.py');
  const run = spawnSync(python, [script, ...sizes.map(String), ...flags], { input, encoding: 'utf8' });
  const out = lastJsonLine<TorchResult>(run);
  if (!out.ok) return out;
  const r = out.value;
  const ms = r.seconds_per_step * 1000;
  return {
    ok: true,
    params: r.params,
    msPerUpdate: ms,
    peakRssMb: r.peak_rss_mb,
    detail: `${r.threads} threads`,
  };
}

/** `count` sequences of SEQ tokens: real ones when the English corpus is prepared, else random ids. */
async function loadSequences(
  tokenizer: Awaited<ReturnType<typeof getTokenizer>>,
  count: number,
): Promise<{ sequences: Int32Array[]; source: string }> {
  const corpusDir = join(ROOT, 'data/english-offline-roberta-gpt2');
  if (!existsSync(corpusDir)) {
    const rng = Rng.fromSeed(1);
    const random = () => Int32Array.from({ length: SEQ }, () => 3 + rng.nextInt(tokenizer.vocabSize - 3));
    return { sequences: Array.from({ length: count }, random), source: 'random ids (corpus not prepared)' };
  }
  const corpus = await openCorpus(corpusDir, { tokenizer });
  const sequences: Int32Array[] = [];
  for await (const s of corpus.sequences('train')) {
    if (s.ids.length === SEQ) sequences.push(s.ids);
    if (sequences.length === count) break;
  }
  if (sequences.length < count)
    throw new Error(
      `${NAME}: ${corpusDir} has ${sequences.length} sequences of ${SEQ} tokens; need ${count}`,
    );
  return { sequences, source: 'data/english-offline-roberta-gpt2 (train)' };
}

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** Runs one shape — both ksub models, then PyTorch — prints progress and ratios, returns table rows. */
function benchShape(preset: PresetName, batch: MlmBatch, python: string | null, options: Options): string[] {
  const config = presetConfig(preset);
  const tokens = batch.batchSize * SEQ;
  const shape =
    `${preset} (${config.layers} layers, d ${config.hidden}, ${config.heads} heads, FFN ${config.intermediate}; ` +
    `batch ${batch.batchSize} × ${SEQ}, ${batch.labels.length} masked)`;
  const input = batchJson(batch);
  const models: [string, Outcome][] = [];
  const report = (model: string, o: Outcome) => {
    models.push([model, o]);
    console.log(
      o.ok
        ? `${shape}: ${model}: ${fmt(o.msPerUpdate)} ms/update, peak RSS ${fmt(o.peakRssMb)} MB (${o.detail})`
        : `${shape}: ${model}: FAILED — ${o.reason}`,
    );
  };
  for (const embedding of Object.keys(EMBEDDINGS) as Embedding[])
    report(`ksub, ${EMBEDDINGS[embedding]} embedding`, runChild(preset, embedding, input, options));
  if (python !== null) report('PyTorch, full embedding', runTorch(python, config, batch, input, options));
  const tps = (o: Outcome) => (o.ok ? (tokens * 1000) / o.msPerUpdate : undefined);
  const rss = (o: Outcome) => (o.ok ? o.peakRssMb : undefined);
  const ratio = (x: number | undefined, of: number | undefined) =>
    x === undefined || of === undefined ? '—' : (x / of).toFixed(2);
  const [full, sub, torch] = models.map(([, o]) => o) as [Outcome, Outcome, Outcome | undefined];
  const torchOf = (f: (o: Outcome) => number | undefined) => (torch === undefined ? undefined : f(torch));
  console.log(
    `${preset}: tokens/s full / PyTorch ${ratio(tps(full), torchOf(tps))}, ` +
      `3-sub / PyTorch ${ratio(tps(sub), torchOf(tps))}, 3-sub / full ${ratio(tps(sub), tps(full))}; ` +
      `peak RSS full / PyTorch ${ratio(rss(full), torchOf(rss))}, 3-sub / PyTorch ${ratio(rss(sub), torchOf(rss))}`,
  );
  return models.map(([model, o]) =>
    o.ok
      ? `| ${preset} | ${model} | ${fmt(o.params)} | ${fmt(o.msPerUpdate)} | ${fmt(tokens / (o.msPerUpdate / 1000))} ` +
        `| ${ratio(tps(o), torchOf(tps))} | ${fmt(o.peakRssMb)} MB | ${ratio(rss(o), torchOf(rss))} |`
      : `| ${preset} | ${model} | — | failed: ${o.reason.replaceAll('|', '/')} | — | — | — | — |`,
  );
}

async function parent(options: Options): Promise<void> {
  const tokenizer = await getTokenizer('roberta-gpt2');
  const count = Math.max(...options.presets.map((p) => BATCH_OF[p]));
  const { sequences, source } = await loadSequences(tokenizer, count);
  const python = torchPython();
  console.log(
    `median of ${options.steps} updates after ${options.warmup} warm-up; sequences: ${source}; ` +
      'each ksub model in its own Node process; peak RSS: each process’s maxRSS',
  );
  if (python === null) console.log(`PyTorch: not installed (${INSTALL_HINT}) — no peer ratios`);
  const rows: string[] = [];
  for (const preset of options.presets) {
    // the same masking stream for every shape: a shape's batch is the first rows of the sequences
    const batch = collateMlm(sequences.slice(0, BATCH_OF[preset]), {
      specialIds: tokenizer.specialIds,
      isSpecial: (id) => tokenizer.isSpecial(id),
      vocabSize: tokenizer.vocabSize,
      rng: Rng.fromSeed(2),
      padTo: SEQ,
    });
    rows.push(...benchShape(preset, batch, python, options));
  }
  console.log(
    '| shape | model | parameters | ms / update | tokens/s | tokens/s ÷ PyTorch | peak RSS | peak RSS ÷ PyTorch |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  const failed = rows.filter((row) => row.includes('| failed: ')).length;
  if (failed > 0) {
    console.log(`${failed} model(s) failed; their rows say why (the stack is above)`);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message); // a bad argument: its message, not a stack
    process.exit(2);
  }
  if (!options.child) return parent(options);
  return child(options.presets[0] as PresetName, options.embedding, options.steps, options.warmup);
}

main().then(
  () => process.exit(), // process.exitCode: 1 when a model failed
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
