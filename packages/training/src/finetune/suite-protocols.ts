import { concatTasks, LIBREOFFICE_SUITE_LANGUAGES, LibreOfficeModuleTask, type Task } from '@ksub/evaluation';
import type { FinetuneConfig } from './finetune-config';

/** Protocols of the multilingual LibreOffice-help suite, XNLI's two shapes. */
export type SuiteProtocol = 'cross-lingual' | 'train-all';

/** Options of {@link libreOfficeProtocol}. */
export interface LibreOfficeProtocolOptions {
  /** Languages to train on (train-all) and score (default all 9); English is always among them, first. */
  readonly languages?: readonly string[];
  /** The help root (default Debian's). */
  readonly root?: string;
  /** The held-out split scored per language (default and only choice: `test`). */
  readonly testSplit?: string;
}

/**
 * The training task, selection and held-out evaluations of the LibreOffice-help module suite in
 * XNLI's protocol shape, for {@link finetune}:
 *
 * - **cross-lingual**: trains on the English train split and selects on the English dev split
 *   (`libreoffice-module-en`), as XNLI's zero-shot protocol selects on English dev — no label of
 *   another language is used, not even to choose the learning rate or epoch;
 * - **train-all**: trains on every language's train split and selects on every language's dev
 *   split pooled (`libreoffice-module-dev`): the languages' dev splits hold the same paragraphs, so
 *   pooled accuracy is the average over languages (with `maxEvalExamples`, a uniform sample of it).
 *
 * Both score every language's test split at each run's best dev epoch, under
 * `libreoffice-module-<lang>`.
 *
 * @throws RangeError for a language outside the suite or a test split other than `test`
 * @example
 * ```ts
 * const { task, evaluations, tests } = libreOfficeProtocol('cross-lingual', { languages: ['en', 'de'] });
 * ```
 */
export function libreOfficeProtocol(
  protocol: SuiteProtocol,
  options: LibreOfficeProtocolOptions = {},
): Pick<FinetuneConfig, 'task' | 'evaluations' | 'tests' | 'trainSplit'> {
  const { languages = LIBREOFFICE_SUITE_LANGUAGES, root, testSplit = 'test' } = options;
  for (const l of languages)
    if (!(LIBREOFFICE_SUITE_LANGUAGES as readonly string[]).includes(l))
      throw new RangeError(
        `libreOfficeProtocol: languages must be among ${LIBREOFFICE_SUITE_LANGUAGES.join(', ')}; got ${JSON.stringify(l)}`,
      );
  if (testSplit !== 'test')
    throw new RangeError(
      `libreOfficeProtocol: testSplit must be "test" (the suite's held-out split); got ${JSON.stringify(testSplit)}`,
    );
  const ordered = ['en', ...languages.filter((l) => l !== 'en')];
  // one task per language: each reads its help once, for all three splits
  const tasks = new Map(
    ordered.map((l) => [
      l,
      new LibreOfficeModuleTask(l as (typeof LIBREOFFICE_SUITE_LANGUAGES)[number], root),
    ]),
  );
  const make = (l: string) => tasks.get(l) as LibreOfficeModuleTask;
  const english = make('en');
  const task: Task =
    protocol === 'cross-lingual' ? english : concatTasks('libreoffice-module-all', ordered.map(make));
  const selection =
    protocol === 'cross-lingual'
      ? { name: english.name, task: english, split: 'dev' }
      : {
          name: 'libreoffice-module-dev',
          task: concatTasks('libreoffice-module-dev', ordered.map(make)),
          split: 'dev',
        };
  const tests = ordered.map((l) => ({ name: `libreoffice-module-${l}`, task: make(l), split: testSplit }));
  return { task, evaluations: [selection], tests, trainSplit: 'train' };
}
