import { table1Report } from './table1-report';
import { computeTable1 } from './compute-table1';

describe('computeTable1', () => {
  it('reproduces the paper Table 1 rows, embedding parameters and totals', async () => {
    const rows = await computeTable1();
    const pick = (model: string, k: number | null) => {
      const row = rows.find((r) => r.model === model && r.k === k);
      if (row === undefined) throw new Error(`no row ${model} k=${k}`);
      return row;
    };
    // Hand-derived: E = smallest M with M^k >= N; |θ_emb| = E·512 (widths sum to 512).
    expect(pick('RoBERTa-medium', 2)).toMatchObject({ rows: 225, embeddingParams: 115200 });
    expect(pick('RoBERTa-medium', 3)).toMatchObject({ rows: 37, embeddingParams: 18944 });
    expect(pick('RoBERTa-medium', 4)).toMatchObject({
      rows: 15,
      embeddingParams: 7680,
      paper: null,
      agrees: null,
    });
    expect(pick('RoBERTa-medium', 6)).toMatchObject({ rows: 7, embeddingParams: 3584 });
    expect(pick('RoBERTa-medium', 8)).toMatchObject({ rows: 4, embeddingParams: 2048 });
    expect(pick('XLM-R-medium', 3)).toMatchObject({ rows: 63, embeddingParams: 32256 });
    expect(pick('RoBERTa-medium', null)).toMatchObject({
      rows: 50265,
      embeddingParams: 25735680,
      totalParams: 51533401,
    });
    expect(pick('XLM-R-medium', null)).toMatchObject({ embeddingParams: 128001024, totalParams: 153998482 });
    // Totals: the non-embedding part (25,797,721 with the MLM head) is shared by all RoBERTa rows.
    expect(pick('RoBERTa-medium', 3).totalParams).toBe(51533401 - 25735680 + 18944);
  });

  it('agrees with every printed figure except the MLM total of full RoBERTa-medium', async () => {
    const rows = (await computeTable1()).filter((r) => r.agrees !== null);
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.agrees?.rows).toBe(true);
      expect(r.agrees?.embeddingParams).toBe(true);
      expect(r.agrees?.totalParamsHfModel).toBe(true);
    }
    const mismatches = rows.filter((r) => r.agrees?.totalParams === false).map((r) => `${r.model}/${r.k}`);
    expect(mismatches).toEqual(['RoBERTa-medium/null']); // 51.53M prints as 52M, the paper says 51M
  });
});

describe('table1Report', () => {
  it('explains the one disagreement with computed figures', async () => {
    const text = table1Report(await computeTable1());
    expect(text).toContain(
      "- RoBERTa-medium, full: our MLM count is 51,533,401, which prints as 52M, not the paper's 51M.",
    );
    expect(text).toContain('differ by the MLM head minus the pooler (51,289 for RoBERTa-medium)');
    // kept fraction: RoBERTa 8-sub 2,048 / 25,735,680 = 0.008%; RoBERTa 2-sub 115,200 / 25,735,680 = 0.448%
    expect(text).toContain('keep 0.008% to 0.448% of the full');
  });
});
