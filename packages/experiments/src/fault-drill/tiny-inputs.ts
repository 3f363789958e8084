import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packCorpus, udhrSource } from '@ksub/corpus';
import { getTokenizer } from '@ksub/tokenizers';
import type { PretrainConfig } from '@ksub/training';
import { MaskedLanguageModel, presetConfig } from '@ksub/transformer';
import { saveMaskedLm } from '@ksub/transformer/node';

/**
 * Packs the UDHR (real text, 15 languages) into 64-token sequences under `dir/corpus` for tiny
 * pretrainings (about 1.5 s); returns the corpus directory.
 */
export async function tinyCorpus(dir: string): Promise<string> {
  const out = join(dir, 'corpus');
  await packCorpus({
    source: udhrSource(),
    tokenizer: await getTokenizer('roberta-gpt2'),
    outDir: out,
    maxLength: 64,
    validationFraction: 0.1,
    progress: false,
  });
  return out;
}

/**
 * A pretraining config of the `tiny` model on {@link tinyCorpus}: batch 4, `steps` updates, a log
 * record every 2, validation (8 sequences) and a checkpoint every 4.
 */
export const tinyConfig = (corpus: string, outDir: string, steps: number): PretrainConfig => ({
  model: 'tiny',
  embedding: { kind: 'full' },
  corpus,
  outDir,
  seed: 3,
  batchSize: 4,
  steps,
  peakLr: 1e-2,
  warmupSteps: 2,
  logEvery: 2,
  evalEvery: 4,
  evalSequences: 8,
  checkpointEvery: 4,
  keepCheckpoints: 1,
});

/**
 * A freshly initialised `tiny` encoder (full embedding, seed 1) saved as `dir/<name>` (about a
 * second): enough for a fine-tuning, a compression or a figure to run. Returns its directory.
 */
export async function tinyModel(dir: string, name = 'tiny-model'): Promise<string> {
  const path = join(dir, name);
  const model = MaskedLanguageModel.fromSpec(presetConfig('tiny'), { kind: 'full' }, 1);
  try {
    await saveMaskedLm(path, model);
  } finally {
    model.dispose();
  }
  return path;
}

/** Writes a task spec (and its data files) into `dir`; returns the spec's path. */
export async function writeTask(
  dir: string,
  spec: Record<string, unknown>,
  files: Readonly<Record<string, string>>,
): Promise<string> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const path = join(dir, 'task.json');
  await writeFile(path, JSON.stringify(spec));
  return path;
}

/** A small task spec over `train` and `dev` files, two classes (`neg`, `pos`). */
export const twoClassSpec = (train: string, dev: string, extra: Record<string, unknown> = {}) => ({
  name: 'own',
  files: { train, dev },
  text: 'text',
  label: 'label',
  labels: ['neg', 'pos'],
  ...extra,
});

/** Four labelled sentences (tab-separated, with a header) for {@link twoClassSpec}. */
export const GOOD_TSV =
  'text\tlabel\ngood phone\tpos\nbroke in a week\tneg\nworks well\tpos\nnever again\tneg\n';
