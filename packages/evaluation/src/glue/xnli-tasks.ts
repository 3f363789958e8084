import { join } from 'node:path';
import { ColumnTask } from '../tasks/column-task';

const NLI = ['entailment', 'neutral', 'contradiction'];

/**
 * XNLI's dev and test sets (`XNLI-1.0/xnli.dev.tsv`, `xnli.test.tsv`: a header, a `language` column,
 * `gold_label`, `sentence1`, `sentence2`), optionally restricted to some languages. Train on MNLI
 * (cross-lingual transfer) or on {@link xnliTranslateTrain} files (translate-train-all).
 *
 * @example
 * ```ts
 * const fr = await xnliTask('/data/XNLI-1.0', ['fr']).load('test');
 * ```
 */
export function xnliTask(dir: string, languages?: readonly string[]): ColumnTask {
  return new ColumnTask({
    name: languages === undefined ? 'xnli' : `xnli-${languages.join('-')}`,
    description: 'XNLI: MNLI-style inference in 15 languages (accuracy per language)',
    header: true,
    text: 'sentence1',
    textPair: 'sentence2',
    label: 'gold_label',
    language: 'language',
    labels: NLI,
    metrics: ['accuracy'],
    files: { dev: join(dir, 'xnli.dev.tsv'), test: join(dir, 'xnli.test.tsv') },
    ...(languages === undefined ? {} : { languages }),
  });
}

/**
 * The machine-translated MNLI training set of one language (`XNLI-MT-1.0/multinli/multinli.train.<lang>.tsv`:
 * header `premise hypo label`, where contradiction is spelled `contradictory`), for translate-train-all.
 */
export function xnliTranslateTrain(dir: string, language: string): ColumnTask {
  return new ColumnTask({
    name: `xnli-mt-${language}`,
    description: `XNLI-MT: MNLI training data machine-translated to ${language}`,
    header: true,
    text: 'premise',
    textPair: 'hypo',
    label: 'label',
    labels: NLI,
    labelAliases: { contradictory: 'contradiction' },
    metrics: ['accuracy'],
    files: { train: join(dir, 'multinli', `multinli.train.${language}.tsv`) },
  });
}
