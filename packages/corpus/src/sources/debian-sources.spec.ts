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

  it('leaves out the held-out pages in every language, each reported once per language', async () => {
    const all = await collect(libreofficeHelpSource(['fr', 'de']).documents());
    const heldOut = new Set(['swriter/main0110.html', 'scalc/main0000.html']);
    const skips: { reason: string; where: string }[] = [];
    const source = libreofficeHelpSource(['fr', 'de'], {
      name: 'libreoffice-help-train',
      heldOutPages: async () => heldOut,
    });
    const kept = await collect(source.documents({ onSkip: (s) => skips.push(s) }));
    expect(source.name).toBe('libreoffice-help-train');
    const present = all.filter((d) => heldOut.has(d.metadata?.page as string)).map((d) => d.id);
    expect(present).toHaveLength(4); // both pages exist in both languages
    expect(kept.map((d) => d.id)).toEqual(all.map((d) => d.id).filter((id) => !present.includes(id)));
    expect(skips).toEqual(present.map((where) => ({ reason: 'held-out', where })));
  }, 60_000);
});
