// Benchmark (nx run training:bench): training tokens/s of the `mini` preset — one MLM update
// (forward, backward, AdamW) at batch 16 × 128, logits at the masked 15% — with a full and a
// k-sub (k = 3, Algorithm 1) embedding, and, when Debian's python3-torch is installed, the same
// architecture and batch in PyTorch on CPU in the same run (bench/torch_mlm_step.py), as ratios.
// Options: --preset NAME (default mini), --steps N (timed updates, default 5).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '@ksub/core';
import { collateMlm, openCorpus } from '@ksub/corpus';
import { getAllocator } from '@ksub/index-mapping';
import { initBackend, simdKernel } from '@ksub/tensor';
import { getTokenizer } from '@ksub/tokenizers';
import { type EmbeddingSpec, MaskedLanguageModel, presetConfig } from '@ksub/transformer';
import { AdamW } from '../adamw';
import { mlmLoss, trainStep } from '../pretrain/train-step';

const ROOT = resolve(__dirname, '../../../..');
const BATCH = 16;
const SEQ = 128;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** A python3 that imports torch, or null. */
function torchPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { preset: { type: 'string', default: 'mini' }, steps: { type: 'string', default: '5' } },
  });
  const steps = Number(values.steps);
  const config = presetConfig(values.preset as string);
  const backend = await initBackend();
  const kernel = simdKernel();
  while (kernel !== null && kernel.readyWorkers < kernel.threads - 1)
    await new Promise((r) => setTimeout(r, 10));
  const tokenizer = await getTokenizer('roberta-gpt2');
  // real sequences when the English corpus is prepared, else random ids (throughput is the same)
  const corpusDir = join(ROOT, 'data/english-offline-roberta-gpt2');
  let sequences: Int32Array[];
  if (existsSync(corpusDir)) {
    const corpus = await openCorpus(corpusDir, { tokenizer });
    sequences = [];
    for await (const s of corpus.sequences('train')) {
      if (s.ids.length === SEQ) sequences.push(s.ids);
      if (sequences.length === BATCH) break;
    }
  } else {
    const rng = Rng.fromSeed(1);
    sequences = Array.from({ length: BATCH }, () =>
      Int32Array.from({ length: SEQ }, () => 3 + rng.nextInt(config.vocabSize - 3)),
    );
  }
  const batch = collateMlm(sequences, {
    specialIds: tokenizer.specialIds,
    isSpecial: (id) => tokenizer.isSpecial(id),
    vocabSize: tokenizer.vocabSize,
    rng: Rng.fromSeed(2),
    padTo: SEQ,
  });
  console.log(
    `backend ${backend.name}; SIMD kernel threads ${kernel?.threads ?? 0}; preset ${values.preset} ` +
      `(${config.layers} layers, d ${config.hidden}, ${config.heads} heads, FFN ${config.intermediate}); ` +
      `batch ${BATCH} × ${SEQ}, ${batch.labels.length} masked; median of ${steps} updates after 2 warm-up`,
  );
  const allocation = await getAllocator('radix').allocate({
    numTokens: config.vocabSize,
    numTables: 3,
    dim: config.hidden,
  });
  const specs: [string, EmbeddingSpec][] = [
    ['full', { kind: 'full' }],
    ['k-sub k=3', { kind: 'ksub', allocation }],
  ];
  const results = new Map<string, number>();
  for (const [label, spec] of specs) {
    const model = MaskedLanguageModel.fromSpec(config, spec, 1);
    const optimizer = new AdamW(model.params.all());
    const times: number[] = [];
    let peak = 0;
    for (let i = 0; i < steps + 2; i++) {
      const start = performance.now();
      await trainStep(mlmLoss(model, batch, i), optimizer, { lr: 1e-4 });
      if (i >= 2) times.push(performance.now() - start);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = median(times) / 1000;
    const tps = (BATCH * SEQ) / seconds;
    results.set(label, tps);
    console.log(
      `${label.padEnd(10)} ${(seconds * 1000).toFixed(0).padStart(6)} ms/update  ${tps.toFixed(0).padStart(6)} tokens/s  ` +
        `${model.countParams().toLocaleString('en-US')} params  peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`,
    );
    optimizer.dispose();
    model.dispose();
  }
  const full = results.get('full') as number;
  console.log(`ratio k-sub / full tokens/s: ${((results.get('k-sub k=3') as number) / full).toFixed(2)}`);
  const python = torchPython();
  if (python === null) {
    console.log(
      'PyTorch: not installed (apt-get install python3-torch libopenblas0-pthread) — no peer ratio',
    );
    return;
  }
  const run = spawnSync(
    python,
    [
      join(__dirname, '../../bench/torch_mlm_step.py'),
      ...[
        config.hidden,
        config.layers,
        config.heads,
        config.intermediate,
        config.vocabSize,
        BATCH,
        SEQ,
        steps,
      ].map(String),
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`PyTorch peer failed: ${run.stderr}`);
  const torch = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as {
    tokens_per_second: number;
    seconds_per_step: number;
    threads: number;
    peak_rss_mb: number;
  };
  console.log(
    `pytorch    ${(torch.seconds_per_step * 1000).toFixed(0).padStart(6)} ms/update  ${torch.tokens_per_second.toFixed(0).padStart(6)} tokens/s  ` +
      `(${torch.threads} threads, peak RSS ${torch.peak_rss_mb.toFixed(0)} MB)`,
  );
  for (const [label, tps] of results)
    console.log(`ratio ${label} / pytorch tokens/s: ${(tps / torch.tokens_per_second).toFixed(2)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
