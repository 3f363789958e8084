import { parseString } from '@fast-csv/parse';
import { computeTable1 } from './compute-table1';
import { renderTable1Csv, renderTable1Markdown } from './render-table1';

describe('renderTable1', () => {
  it('writes one Markdown line per row with the paper figures beside ours', async () => {
    const md = renderTable1Markdown(await computeTable1());
    const lines = md.trim().split('\n');
    expect(lines).toHaveLength(2 + 8);
    expect(lines).toContain(
      '| RoBERTa-medium | 3-sub (radix) | 37 ✓ | 37 | 18,944 (18.9k) ✓ | 18.9k | 25,816,665 (25.82M) ✓ | 25,765,376 (25.77M) ✓ | 26M |',
    );
    expect(md).toContain('| RoBERTa-medium | 4-sub (radix) | 15 | — | 7,680 (7.7k) | — |');
  });

  it('writes CSV that parses back to the same numbers', async () => {
    const rows = await computeTable1();
    const csv = await renderTable1Csv(rows);
    const parsed: Array<Record<string, string>> = [];
    await new Promise<void>((resolve, reject) =>
      parseString(csv, { headers: true })
        .on('data', (r: Record<string, string>) => parsed.push(r))
        .on('end', () => resolve())
        .on('error', reject),
    );
    expect(parsed).toHaveLength(rows.length);
    expect(parsed.map((r) => Number(r['embedding_params']))).toEqual(rows.map((r) => r.embeddingParams));
    expect(parsed[0]).toMatchObject({
      model: 'RoBERTa-medium',
      k: '',
      paper_total_params: '51M',
      agrees_total_mlm: 'false',
    });
  });
});
