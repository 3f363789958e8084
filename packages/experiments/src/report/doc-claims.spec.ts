import { existsSync, readFileSync } from 'node:fs';
import { fromRoot } from '../testing/committed-results';
import { CLAIMS_HEADING, CLAIM_SOURCES, claimsBlock, syncClaims } from './doc-claims';

const page = (claims: string[]): string =>
  `# T\n\n## uci\n\n| a |\n\n## ${CLAIMS_HEADING}\n\n${claims.map((c) => `- ${c}`).join('\n')}\n\n## Earlier\n\nold\n`;

describe('generated claims in the docs', () => {
  const tables = CLAIM_SOURCES[0];
  if (tables === undefined) throw new Error('no claim source');

  it('quotes the union of the pages’ sentences, each once, in page order', () => {
    const pages: Record<string, string> = {
      'table2.md': page(['A below full', 'control C']),
      'table3.md': page(['A below full', 'B above full', 'control C']),
    };
    const block = claimsBlock('mini', tables, (f) => pages[f]);
    expect(block.split('\n').slice(2)).toEqual(['- A below full', '- control C', '- B above full']);
    expect(block.split('\n')[0]).toContain(
      '[Table 2](results/mini/table2.md) and [Table 3](results/mini/table3.md)',
    );
  });

  it('says so when a page or its sentences are missing', () => {
    const block = claimsBlock('mini', tables, (f) => (f === 'table2.md' ? '# T\n' : undefined));
    expect(block).toContain('- _table2.md has no generated sentences yet._');
    expect(block).toContain('- _docs/results/mini/table3.md does not exist yet._');
  });

  it('rewrites only the marked blocks and reports which changed', () => {
    const doc = [
      'prose stays',
      '<!-- generated:mini-claims-tables-2-3 -->',
      'stale',
      '<!-- /generated:mini-claims-tables-2-3 -->',
      '<!-- generated:mini-claims-seed-001 -->',
      '<!-- /generated:mini-claims-seed-001 -->',
      '<!-- generated:mini-claims-curves -->',
      '<!-- /generated:mini-claims-curves -->',
      '<!-- generated:mini-claims-table4 -->',
      '<!-- /generated:mini-claims-table4 -->',
    ].join('\n');
    const { doc: out, changed } = syncClaims(doc, 'mini', () => page(['X']));
    expect(out.startsWith('prose stays\n<!-- generated:mini-claims-tables-2-3 -->\n_Generated')).toBe(true);
    expect(out).not.toContain('stale');
    expect(changed).toEqual([
      'mini-claims-tables-2-3',
      'mini-claims-seed-001',
      'mini-claims-curves',
      'mini-claims-table4',
    ]);
    expect(syncClaims(out, 'mini', () => page(['X'])).changed).toEqual([]);
  });

  it('docs/reproduction.md quotes the committed mini tables as they are now', () => {
    // fails when a table was redrawn without `npx nx run experiments:claims -- --preset mini`
    const doc = readFileSync(fromRoot('docs/reproduction.md'), 'utf8');
    const read = (file: string): string | undefined => {
      const path = fromRoot(`docs/results/mini/${file}`);
      return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    };
    expect(syncClaims(doc, 'mini', read).changed).toEqual([]);
  });
});
