import { resultRow } from '@ksub/training/testing';
import { languageTable } from './language-table';

describe('languageTable', () => {
  it('takes the best value per model and language, averages complete rows, marks gaps', () => {
    // accuracy of the full model unless said
    const rows = [
      resultRow({ task: 'xnli-en', value: 0.6 }),
      resultRow({ task: 'xnli-en', value: 0.7 }),
      resultRow({ task: 'xnli-fr', value: 0.5 }),
      resultRow({ task: 'xnli-en', model: '3-sub', value: 0.65 }),
      resultRow({ task: 'xnli-dev', value: 0.99 }),
    ];
    expect(languageTable(rows, 'xnli', ['en', 'fr'], 'accuracy').split('\n')).toEqual([
      '| model | en | fr | avg |',
      '|---|---:|---:|---:|',
      '| full | 70.0 | 50.0 | 60.0 |',
      '| 3-sub | 65.0 | — | — |',
    ]);
    // the mean instead: (0.6 + 0.7) / 2 = 0.65 in English, (0.65 + 0.5) / 2 on average
    expect(languageTable(rows, 'xnli', ['en', 'fr'], 'accuracy', 'mean').split('\n')[2]).toBe(
      '| full | 65.0 | 50.0 | 57.5 |',
    );
  });
});
