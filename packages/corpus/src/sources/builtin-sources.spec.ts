import type { TextDocument } from '@ksub/core';
import { englishOffline, udhrSource } from './builtin-sources';

describe('built-in corpora', () => {
  it('udhr yields 31 aligned sections per language', async () => {
    const docs: TextDocument[] = [];
    for await (const d of udhrSource(['en', 'th']).documents()) docs.push(d);
    expect(docs).toHaveLength(62);
    expect(docs[1]).toMatchObject({ id: 'udhr/en/01', metadata: { language: 'en', article: 1 } });
    expect(docs[32]).toMatchObject({ id: 'udhr/th/01', metadata: { language: 'th', article: 1 } });
  });

  // It streams all 118,659 documents (~5.8M words) from the packages' files: a few seconds on a
  // quiet machine, more under load, so it gets a minute rather than jest's default 5 s.
  it('english-offline streams State of the Union first and WordNet last, ids unique', async () => {
    const ids = new Set<string>();
    let first: string | undefined;
    let last: string | undefined;
    let words = 0;
    for await (const d of englishOffline().documents()) {
      first ??= d.id;
      last = d.id;
      ids.add(d.id);
      words += d.text.split(/\s+/).length;
    }
    expect(first).toBe('sotu/1790_george_washington_n');
    expect(last?.startsWith('wordnet/adv/')).toBe(true);
    expect(words).toBeGreaterThan(4e6);
    expect(ids.size).toBeGreaterThan(118000);
  }, 60_000);
});
