import { markdownSection, replaceGeneratedBlock } from './generated-block';

/** The heading under which the table cells write the sentences their numbers support. */
export const CLAIMS_HEADING = 'What these numbers support (generated)';

/** Which result pages feed which generated block of `docs/reproduction.md`. */
export interface ClaimSource {
  /** Block id without the preset (the document's block is `<preset>-<id>`). */
  readonly id: string;
  /** Result pages under `docs/results/<preset>/`, with the names the lead sentence links. */
  readonly pages: readonly { readonly file: string; readonly name: string }[];
}

/**
 * Tables 2 and 3 share their reference and controls, so their sentences form one block; seed 001,
 * the learning curves and Table 4 (issue #21) have one each.
 */
export const CLAIM_SOURCES: readonly ClaimSource[] = [
  {
    id: 'claims-tables-2-3',
    pages: [
      { file: 'table2.md', name: 'Table 2' },
      { file: 'table3.md', name: 'Table 3' },
    ],
  },
  { id: 'claims-seed-001', pages: [{ file: 'table-direction.md', name: 'seed 001' }] },
  { id: 'claims-curves', pages: [{ file: 'curves.md', name: 'the learning curves' }] },
  { id: 'claims-table4', pages: [{ file: 'table4.md', name: 'Table 4' }] },
];

/**
 * The text of one generated block: a lead sentence naming its sources and the command, then the
 * union of the pages' generated sentences in page order, each once.
 *
 * @param preset - the preset whose results are quoted (`mini`)
 * @param source - the block's pages
 * @param read - reads a page's Markdown by file name; `undefined` when the page does not exist
 */
export function claimsBlock(
  preset: string,
  source: ClaimSource,
  read: (file: string) => string | undefined,
): string {
  const lines: string[] = [];
  for (const { file } of source.pages) {
    const page = read(file);
    if (page === undefined) {
      lines.push(`- _docs/results/${preset}/${file} does not exist yet._`);
      continue;
    }
    const section = markdownSection(page, CLAIMS_HEADING);
    const body =
      section === undefined || section === ''
        ? [`- _${file} has no generated sentences yet._`]
        : section.split('\n');
    for (const line of body.map((l) => (l.startsWith('- ') ? l : `- ${l}`))) {
      if (line.trim() !== '-' && !lines.includes(line)) lines.push(line);
    }
  }
  const links = source.pages.map((p) => `[${p.name}](results/${preset}/${p.file})`).join(' and ');
  return [
    `_Generated from the "${CLAIMS_HEADING}" section of ${links} by \`npx nx run experiments:claims -- --preset ${preset}\`; not edited by hand._`,
    '',
    ...lines,
  ].join('\n');
}

/**
 * `doc` with every generated claims block of `preset` rewritten from the result pages.
 *
 * @returns the new document and the ids of the blocks whose text changed
 */
export function syncClaims(
  doc: string,
  preset: string,
  read: (file: string) => string | undefined,
): { doc: string; changed: string[] } {
  let out = doc;
  const changed: string[] = [];
  for (const source of CLAIM_SOURCES) {
    const id = `${preset}-${source.id}`;
    const next = replaceGeneratedBlock(out, id, claimsBlock(preset, source, read));
    if (next !== out) changed.push(id);
    out = next;
  }
  return { doc: out, changed };
}
