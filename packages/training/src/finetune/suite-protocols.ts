import { concatTasks, LIBREOFFICE_SUITE_LANGUAGES, LibreOfficeModuleTask, type Task } from '@ksub/evaluation';
import type { Evaluation, FinetuneConfig } from './finetune';

/** Protocols of the multilingual LibreOffice-help suite, XNLI's two shapes. */
export type SuiteProtocol = 'cross-lingual' | 'train-all';

/**
 * The training task and evaluations of the LibreOffice-help module suite in XNLI's protocol shape:
 * cross-lingual transfer trains on English; train-all on every language. Both select on English
 * dev and report dev accuracy per language, each under `libreoffice-module-<lang>`.
 */
export function libreOfficeProtocol(
  protocol: SuiteProtocol,
  languages: readonly string[] = LIBREOFFICE_SUITE_LANGUAGES,
  root?: string,
): Pick<FinetuneConfig, 'task' | 'evaluations' | 'trainSplit'> {
  for (const l of languages)
    if (!(LIBREOFFICE_SUITE_LANGUAGES as readonly string[]).includes(l))
      throw new RangeError(
        `libreOfficeProtocol: languages must be among ${LIBREOFFICE_SUITE_LANGUAGES.join(', ')}; got ${JSON.stringify(l)}`,
      );
  const make = (l: string) =>
    new LibreOfficeModuleTask(l as (typeof LIBREOFFICE_SUITE_LANGUAGES)[number], root);
  const ordered = ['en', ...languages.filter((l) => l !== 'en')];
  const task: Task =
    protocol === 'cross-lingual' ? make('en') : concatTasks('libreoffice-module-all', ordered.map(make));
  const evaluations: Evaluation[] = ordered.map((l) => ({
    name: `libreoffice-module-${l}`,
    task: make(l),
    split: 'dev',
  }));
  return { task, evaluations, trainSplit: 'train' };
}
