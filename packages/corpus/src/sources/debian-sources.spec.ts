import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TextDocument } from '@ksub/core';
import { LIBREOFFICE_HELP_ROOT, SWORD_ROOT } from '@ksub/datasets';
import { biblesSource, libreofficeHelpSource } from './debian-sources';

async function collect(source: AsyncIterable<TextDocument>): Promise<TextDocument[]> {
  const out: TextDocument[] = [];
  for await (const d of source) out.push(d);
  return out;
}

// These corpora come from Debian packages (npx nx run corpus:setup-debian, which .ci/run runs).
const swordInstalled = existsSync(join(SWORD_ROOT, 'modules', 'texts', 'ztext', 'spaRV1909eb'));
(swordInstalled ? describe : describe.skip)('biblesSource [Debian corpora]', () => {
  it('yields one document per chapter: 1,189 for the RV1909', async () => {
    const docs = await collect(biblesSource(['rv1909']).documents());
    expect(docs).toHaveLength(1189);
    expect(docs[0]).toMatchObject({
      id: 'bible/rv1909/Gen.1',
      metadata: { translation: 'rv1909', language: 'es', book: 'Gen', chapter: 1 },
    });
    expect(docs[0]?.text.startsWith('EN el principio crió Dios los cielos y la tierra.')).toBe(true);
  });
});

const helpInstalled = existsSync(join(LIBREOFFICE_HELP_ROOT, 'fr', 'text'));
(helpInstalled ? describe : describe.skip)('libreofficeHelpSource [Debian corpora]', () => {
  it('yields one document per page with its module', async () => {
    const docs = await collect(libreofficeHelpSource(['fr']).documents());
    expect(docs.length).toBeGreaterThan(2500);
    const writer = docs.find((d) => d.id === 'lo-help/fr/swriter/main0110.html');
    expect(writer?.metadata).toEqual({ language: 'fr', module: 'swriter', page: 'swriter/main0110.html' });
    expect(writer?.text.length).toBeGreaterThan(100);
  });
});
