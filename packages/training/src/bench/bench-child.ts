// The child side of training:bench (pretrain-throughput.bench.ts): one model's timed updates in its
// own Node process, so that its peak RSS is its own.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { MlmBatch } from '@ksub/corpus';
import { getAllocator } from '@ksub/index-mapping';
import { initBackend, simdKernel } from '@ksub/tensor';
import { type EmbeddingSpec, MaskedLanguageModel, type PresetName, presetConfig } from '@ksub/transformer';
import { AdamW } from '../adamw';
import { mlmLoss, trainStep } from '../pretrain/train-step';

const NAME = 'training:bench';

/** The embeddings benchmarked, and their names in the table. */
export const EMBEDDINGS = { full: 'full', ksub: '3-sub' } as const;
/** One of {@link EMBEDDINGS}' keys. */
export type Embedding = keyof typeof EMBEDDINGS;

/** What a child reports for one model (last line of its stdout, JSON). */
export interface ChildResult {
  backend: string;
  threads: number;
  params: number;
  msPerUpdate: number;
  peakRssMb: number;
}

/** The median of some timings. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** The batch as JSON: what the children and PyTorch read from stdin. */
export function batchJson(batch: MlmBatch): string {
  const { batchSize, seqLength, inputIds, attentionMask, maskedPositions, labels } = batch;
  const list = (ids: Int32Array) => Array.from(ids);
  return JSON.stringify({
    batchSize,
    seqLength,
    inputIds: list(inputIds),
    attentionMask: list(attentionMask),
    maskedPositions: list(maskedPositions),
    labels: list(labels),
  });
}

/** Trains one model on the batch from stdin and prints its ChildResult. */
export async function child(
  preset: PresetName,
  embedding: Embedding,
  steps: number,
  warmup: number,
): Promise<void> {
  const json = JSON.parse(readFileSync(0, 'utf8')) as Record<keyof MlmBatch, number | number[]>;
  const ints = (key: keyof MlmBatch) => Int32Array.from(json[key] as number[]);
  const batch: MlmBatch = {
    batchSize: json.batchSize as number,
    seqLength: json.seqLength as number,
    inputIds: ints('inputIds'),
    attentionMask: ints('attentionMask'),
    maskedPositions: ints('maskedPositions'),
    labels: ints('labels'),
  };
  const config = presetConfig(preset);
  const backend = await initBackend();
  const kernel = simdKernel();
  while (kernel !== null && kernel.readyWorkers < kernel.threads - 1)
    await new Promise((r) => setTimeout(r, 10));
  const spec: EmbeddingSpec =
    embedding === 'full'
      ? { kind: 'full' }
      : {
          kind: 'ksub',
          allocation: await getAllocator('radix').allocate({
            numTokens: config.vocabSize,
            numTables: 3,
            dim: config.hidden,
          }),
        };
  const model = MaskedLanguageModel.fromSpec(config, spec, 1);
  const optimizer = new AdamW(model.params.all());
  const times: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const start = performance.now();
    try {
      await trainStep(mlmLoss(model, batch, i), optimizer, { lr: 1e-4 });
    } catch (error) {
      // e.g. the TF.js wasm heap (at most 4 GiB) running out: say where, and how much was held
      const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
      throw new Error(
        `${NAME}: ${preset}, ${EMBEDDINGS[embedding]} embedding: update ${i + 1} of ${warmup + steps} failed ` +
          `(peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}, TF.js tensors ${mb(tf.memory().numBytes)}): ` +
          `${(error as Error).message}`,
      );
    }
    if (i >= warmup) times.push(performance.now() - start);
  }
  const result: ChildResult = {
    backend: backend.name,
    threads: kernel?.threads ?? 0,
    params: model.countParams(),
    msPerUpdate: median(times),
    peakRssMb: process.resourceUsage().maxRSS / 1024, // KB → MB of 2^20 bytes, as PyTorch's
  };
  console.log(JSON.stringify(result));
}
