import { resultRow } from '@ksub/training/testing';
import { bestScores, finetuneMinutes, paperCells, paramsCell, renderTable2 } from './table2';

describe('Table 2 rendering', () => {
  // accuracy of the full model unless said
  const rows = [
    resultRow({ task: 'uci-sentiment', value: 0.8 }),
    resultRow({ task: 'uci-sentiment', value: 0.82 }),
    resultRow({ task: 'uci-sentiment', metric: 'f1', value: 0.99 }),
    resultRow({ task: 'uci-sentiment', model: 'radix-k3', value: 0.78 }),
    resultRow({ task: 'sms-spam', metric: 'f1', value: 0.9 }),
  ];

  it("keeps the best of the grid on each task's first metric", () => {
    const scores = bestScores(rows, { 'uci-sentiment': 'accuracy', 'sms-spam': 'f1' });
    expect(scores.get('full')?.get('uci-sentiment')).toBe(0.82);
    expect(scores.get('radix-k3')?.get('uci-sentiment')).toBe(0.78);
  });

  it("puts our delta from the baseline beside the paper's for the stand-in GLUE task", () => {
    const scores = bestScores(rows, { 'uci-sentiment': 'accuracy', 'sms-spam': 'f1' });
    const lines = renderTable2(scores, ['full', 'radix-k3'], ['uci-sentiment', 'sms-spam'], {
      full: 6433920,
      'radix-k3': 4736,
    }).split('\n');
    expect(lines[0]).toBe(
      '| embedding | embedding params | uci-sentiment (ours) | Δ ours | SST-2 (paper) | Δ paper | sms-spam (ours) | Δ ours |',
    );
    expect(lines[2]).toBe('| full | 6,433,920 | 82.0 | +0.0 | 89.9 | +0.0 | 90.0 | +0.0 |');
    // k = 3: ours 78.0 (−4.0); the paper's SST-2 88.0 (−1.9)
    expect(lines[3]).toBe('| radix-k3 | 4,736 | 78.0 | -4.0 | 88.0 | -1.9 | — | — |');
  });

  it("gives the paper's cells for a variant and a GLUE task, dashes where the paper has no row", () => {
    // paper-notes, Table 2 MNLI column: base 79.6, k = 6 73.6 → −6.0; Table 3 naive M = 200 SST-2 90.0 → +0.1
    expect(paperCells('radix-k6', 'MNLI')).toEqual(['73.6', '-6.0']);
    expect(paperCells('clustered-naive-m200', 'SST-2')).toEqual(['90.0', '+0.1']);
    expect(paperCells('glove-equal-m100', 'SST-2')).toEqual(['—', '—']);
    expect(paramsCell(6433920)).toBe('6,433,920');
    expect(paramsCell(undefined)).toBe('—');
  });

  it('adds up the fine-tuning time: each grid cell once, at its last row (hand-summed: (120 + 60) s = 3 min)', () => {
    // accuracy of the full model, lr 1e-4, batch 16, seed 1 unless said
    const timed = [
      resultRow({ task: 't', value: 0.5, wallSeconds: 40 }),
      resultRow({ task: 't', metric: 'f1', value: 0.5, wallSeconds: 40 }),
      resultRow({ task: 't', value: 0.6, wallSeconds: 120 }),
      resultRow({ task: 't', value: 0.6, batch: 32, wallSeconds: 60 }),
    ];
    expect(finetuneMinutes(timed)).toBeCloseTo(3, 10);
  });
});
