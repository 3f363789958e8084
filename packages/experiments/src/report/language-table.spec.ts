import { languageTable } from './language-table';

describe('languageTable', () => {
  it('takes the best value per model and language, averages complete rows, marks gaps', () => {
    const rows = [
      { task: 'xnli-en', model: 'full', metric: 'accuracy', value: 0.6 },
      { task: 'xnli-en', model: 'full', metric: 'accuracy', value: 0.7 },
      { task: 'xnli-fr', model: 'full', metric: 'accuracy', value: 0.5 },
      { task: 'xnli-en', model: '3-sub', metric: 'accuracy', value: 0.65 },
      { task: 'xnli-dev', model: 'full', metric: 'accuracy', value: 0.99 },
    ];
    expect(languageTable(rows, 'xnli', ['en', 'fr'], 'accuracy').split('\n')).toEqual([
      '| model | en | fr | avg |',
      '|---|---:|---:|---:|',
      '| full | 70.0 | 50.0 | 60.0 |',
      '| 3-sub | 65.0 | — | — |',
    ]);
  });
});
