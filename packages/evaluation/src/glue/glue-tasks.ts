import { join } from 'node:path';
import { ColumnTask, type ColumnTaskSpec } from '../tasks/column-task';

/** The GLUE tasks the paper reports, by ksub name. */
export const GLUE_TASKS = ['cola', 'sst2', 'mrpc', 'stsb', 'qqp', 'mnli', 'qnli', 'rte'] as const;

/** A GLUE task name. */
export type GlueTaskName = (typeof GLUE_TASKS)[number];

const NLI = ['entailment', 'neutral', 'contradiction'] as const;
const QNLI = ['entailment', 'not_entailment'] as const;
const BINARY = ['0', '1'] as const;

type Layout = Omit<ColumnTaskSpec, 'name' | 'files' | 'description'> & {
  dir: string;
  splits: string[];
  about: string;
};

/**
 * Each task's layout in the GLUE distribution (`glue_data/<Dir>/<split>.tsv`, as written by the
 * GLUE download script): header rules, columns, labels and metrics. CoLA's train/dev files have no
 * header (source, label, original label, sentence); the others name their columns in a header,
 * which is how the loader finds them (MNLI's train and dev files differ in column count).
 */
const LAYOUTS: Record<GlueTaskName, Layout> = {
  cola: {
    dir: 'CoLA',
    splits: ['train', 'dev'],
    header: false,
    fields: 4,
    text: 3,
    label: 1,
    labels: BINARY,
    metrics: ['matthews'],
    about: 'acceptability (Matthews correlation)',
  },
  sst2: {
    dir: 'SST-2',
    splits: ['train', 'dev'],
    header: true,
    text: 'sentence',
    label: 'label',
    labels: BINARY,
    metrics: ['accuracy'],
    about: 'sentiment (accuracy)',
  },
  mrpc: {
    dir: 'MRPC',
    splits: ['train', 'dev'],
    header: true,
    text: '#1 String',
    textPair: '#2 String',
    label: 'Quality',
    labels: BINARY,
    metrics: ['f1', 'accuracy'],
    about: 'paraphrase (F1, accuracy)',
  },
  stsb: {
    dir: 'STS-B',
    splits: ['train', 'dev'],
    header: true,
    text: 'sentence1',
    textPair: 'sentence2',
    label: 'score',
    labels: 'regression',
    metrics: ['pearson', 'spearman'],
    about: 'similarity 0–5 (Pearson, Spearman)',
  },
  qqp: {
    dir: 'QQP',
    splits: ['train', 'dev'],
    header: true,
    text: 'question1',
    textPair: 'question2',
    label: 'is_duplicate',
    labels: BINARY,
    metrics: ['accuracy', 'f1'],
    about: 'duplicate questions (accuracy, F1)',
  },
  mnli: {
    dir: 'MNLI',
    splits: ['train', 'dev_matched', 'dev_mismatched'],
    header: true,
    text: 'sentence1',
    textPair: 'sentence2',
    label: 'gold_label',
    labels: NLI,
    metrics: ['accuracy'],
    about: 'inference, matched and mismatched dev (accuracy)',
  },
  qnli: {
    dir: 'QNLI',
    splits: ['train', 'dev'],
    header: true,
    text: 'question',
    textPair: 'sentence',
    label: 'label',
    labels: QNLI,
    metrics: ['accuracy'],
    about: 'question answering as inference (accuracy)',
  },
  rte: {
    dir: 'RTE',
    splits: ['train', 'dev'],
    header: true,
    text: 'sentence1',
    textPair: 'sentence2',
    label: 'label',
    labels: QNLI,
    metrics: ['accuracy'],
    about: 'textual entailment (accuracy)',
  },
};

/**
 * A GLUE task reading the real distribution's files under `dataDir` (the `glue_data` directory).
 * Test splits are unlabelled in GLUE and not offered.
 *
 * @throws RangeError naming the task when it is not one of {@link GLUE_TASKS}.
 * @example
 * ```ts
 * const { examples, skipped } = await glueTask('rte', '/data/glue_data').load('dev');
 * ```
 */
export function glueTask(name: string, dataDir: string): ColumnTask {
  const layout = (LAYOUTS as Record<string, Layout>)[name];
  if (layout === undefined)
    throw new RangeError(
      `glueTask: name must be one of ${GLUE_TASKS.join(', ')}; got ${JSON.stringify(name)}`,
    );
  const { dir, splits, about, ...spec } = layout;
  return new ColumnTask({
    ...spec,
    name,
    description: `GLUE ${dir}: ${about}`,
    files: Object.fromEntries(splits.map((s) => [s, join(dataDir, dir, `${s}.tsv`)])),
  });
}
