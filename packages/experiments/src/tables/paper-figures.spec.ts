import { renderPaperFigures } from './paper-figures';

describe("the paper's figures beside ours", () => {
  it("gives each variant the paper's SST-2 figure and its delta from the paper's base row", () => {
    const lines = renderPaperFigures(
      ['full', 'radix-k2', 'clustered-naive-m200', 'glove-equal-m100'],
      ['uci-sentiment', 'sms-spam'],
      { full: 6433920, 'radix-k2': 28800 },
    ).split('\n');
    const table = lines.slice(lines.findIndex((l) => l.startsWith('| embedding')));
    // only uci-sentiment has a GLUE counterpart (SST-2); sms-spam adds no column
    expect(table[0]).toBe('| embedding | embedding params | SST-2 (paper, GLUE dev) | Δ paper |');
    expect(table[2]).toBe('| full | 6,433,920 | 89.9 | +0.0 |');
    // paper-notes: k = 2 SST-2 88.6, base 89.9 → −1.3; naive M = 200 90.0 → +0.1
    expect(table[3]).toBe('| radix-k2 | 28,800 | 88.6 | -1.3 |');
    expect(table[4]).toBe('| clustered-naive-m200 | — | 90.0 | +0.1 |');
    // the paper has no GloVe row
    expect(table[5]).toBe('| glove-equal-m100 | — | — | — |');
    expect(lines[2]).toContain('uci-sentiment stands in for SST-2');
  });

  it('renders nothing when no task stands in for a GLUE task', () => {
    expect(renderPaperFigures(['full', 'radix-k3'], ['sms-spam'])).toBe('');
  });
});
