import { concatTasks, glueTask, type Task, xnliTask, xnliTranslateTrain } from '@ksub/evaluation';
import type { Evaluation, FinetuneConfig } from './finetune-config';

/** The two XNLI protocols of Table 4. */
export type XnliProtocol = 'cross-lingual' | 'translate-train-all';

/** Where the XNLI protocols read their data. */
export interface XnliData {
  /** `glue_data` (for MNLI's English training set). */
  readonly glueDir: string;
  /** `XNLI-1.0` (dev and test in 15 languages). */
  readonly xnliDir: string;
  /** `XNLI-MT-1.0` (machine-translated MNLI), for translate-train-all. */
  readonly xnliMtDir?: string;
  /** Languages to report (default all 15 that the files hold). */
  readonly languages: readonly string[];
  /** The held-out split scored per language (default and only choice: `test`). */
  readonly testSplit?: string;
}

/**
 * The training task and evaluations of an XNLI protocol, for {@link finetune}: cross-lingual
 * transfer trains on English MNLI; translate-train-all on MNLI plus its translation into every
 * other language. Both select on XNLI dev (all languages pooled, `xnli-dev`) and score every
 * language's test split at each run's best dev epoch, each under `xnli-<lang>`.
 *
 * @throws Error when translate-train-all is asked for without `xnliMtDir`; RangeError for a test
 *   split other than `test`.
 */
export function xnliProtocol(
  protocol: XnliProtocol,
  data: XnliData,
): Pick<FinetuneConfig, 'task' | 'evaluations' | 'tests' | 'trainSplit'> {
  const testSplit = data.testSplit ?? 'test';
  if (testSplit !== 'test')
    throw new RangeError(
      `xnliProtocol: testSplit must be "test" (XNLI's held-out split); got ${JSON.stringify(testSplit)}`,
    );
  const mnli = glueTask('mnli', data.glueDir);
  let task: Task = mnli;
  if (protocol === 'translate-train-all') {
    if (data.xnliMtDir === undefined)
      throw new Error('xnliProtocol: translate-train-all needs xnliMtDir (XNLI-MT-1.0)');
    const dir = data.xnliMtDir;
    task = concatTasks('mnli+xnli-mt', [
      mnli,
      ...data.languages.filter((l) => l !== 'en').map((l) => xnliTranslateTrain(dir, l)),
    ]);
  }
  const evaluations: Evaluation[] = [
    { name: 'xnli-dev', task: xnliTask(data.xnliDir, data.languages), split: 'dev' },
  ];
  const tests: Evaluation[] = data.languages.map((l) => ({
    name: `xnli-${l}`,
    task: xnliTask(data.xnliDir, [l]),
    split: testSplit,
  }));
  return { task, evaluations, tests, trainSplit: 'train' };
}
