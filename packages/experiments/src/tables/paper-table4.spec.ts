import { PAPER_TABLE4, PAPER_TABLE4_LANGUAGES } from './paper-table4';

describe('PAPER_TABLE4', () => {
  it('holds a value per language and, as the average, their mean to one decimal (the transcription checked)', () => {
    const rows = Object.values(PAPER_TABLE4).flatMap((protocol) => Object.values(protocol));
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.accuracy).toHaveLength(PAPER_TABLE4_LANGUAGES.length);
      const mean = row.accuracy.reduce((a, b) => a + b, 0) / row.accuracy.length;
      expect(Math.abs(mean - row.average)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
  });
});
