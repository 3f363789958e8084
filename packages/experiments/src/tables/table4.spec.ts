import { languageOf, renderTable4, selectProtocolScores, type ProtocolRow } from './table4';

const row = (task: string, lr: number, epoch: number, value: number): ProtocolRow => ({
  task,
  lr,
  batch: 16,
  seed: 1,
  epoch,
  metric: 'accuracy',
  value,
});

describe('Table 4', () => {
  it('reads the language from an evaluation name', () => {
    expect(languageOf('libreoffice-module-zh-cn')).toBe('zh-cn');
    expect(languageOf('xnli-de')).toBe('de');
    expect(languageOf('xnli-dev')).toBeUndefined();
    expect(languageOf('uci-sentiment')).toBeUndefined();
  });

  it('reports every language at the cell chosen on the selection task, not at each language’s best', () => {
    const rows = [
      row('libreoffice-module-en', 1e-4, 1, 0.6),
      row('libreoffice-module-de', 1e-4, 1, 0.9), // de's own best, but not the chosen cell
      row('libreoffice-module-en', 3e-4, 1, 0.7), // chosen: best English dev
      row('libreoffice-module-de', 3e-4, 1, 0.5),
      { ...row('libreoffice-module-de', 3e-4, 1, 0.1), metric: 'f1' },
    ];
    expect(selectProtocolScores(rows)).toEqual(
      new Map([
        ['en', 0.7],
        ['de', 0.5],
      ]),
    );
  });

  it("prints our rows with the average's delta from full, then the paper's rows for the same languages", () => {
    const scores = new Map([
      [
        'full',
        new Map([
          ['en', 0.8],
          ['de', 0.6],
        ]),
      ],
      [
        'radix-k3',
        new Map([
          ['en', 0.7],
          ['de', 0.4],
        ]),
      ],
    ]);
    const lines = renderTable4('cross-lingual', scores, ['full', 'radix-k3'], ['en', 'de'], {
      full: '200,003',
      'radix-k3': '59',
    }).split('\n');
    expect(lines[0]).toBe('| cross-lingual | E | en | de | avg | Δ avg |');
    expect(lines[2]).toBe('| full (ours) | 200,003 | 80.0 | 60.0 | 70.0 | — |');
    expect(lines[3]).toBe('| radix-k3 (ours) | 59 | 70.0 | 40.0 | 55.0 | -15.0 |');
    // the paper's en and de columns, its 15-language average, and 47.7 − 50.7
    expect(lines[4]).toBe('| XLM-R medium (paper) | 250k | 74.0 | 55.1 | 50.7* | — |');
    expect(lines[5]).toBe('| 3-sub-embedding (paper) | 63 | 72.6 | 48.4 | 47.7* | -3.0 |');
  });
});
