import type { Tokenizer } from '../tokenizer';
import { loadUseLiteTokenizer } from './load-use-lite-tokenizer';
import { UseLiteTokenizer } from './use-lite-tokenizer';

let cached: Promise<Tokenizer> | undefined;
const load = (): Promise<Tokenizer> => (cached ??= loadUseLiteTokenizer());

describe('UseLiteTokenizer.decode', () => {
  it('is what loadUseLiteTokenizer builds', async () => {
    expect(await load()).toBeInstanceOf(UseLiteTokenizer);
  });

  it('drops the one space the encoder put in front, and shows special tokens unless skipped', async () => {
    const tok = await load();
    const ids = tok.encode('I like it.'); // <s> ▁I ▁like ▁it . </s>
    expect(tok.decode(ids)).toBe('<s>I like it.</s>');
    expect(tok.decode(ids, { skipSpecialTokens: true })).toBe('I like it.');
  });

  it('keeps the space after an unknown character (one run of pieces, not one per run)', async () => {
    const tok = await load();
    // ▁a ▁ � ▁b: decoding the runs on their own would drop the space before b
    const ids = tok.encode('a 😹 b', { addSpecialTokens: false });
    expect(Array.from(ids, (id) => tok.vocab()[id])).toEqual(['▁a', '▁', '\uFFFD', '▁b']);
    expect(tok.decode(ids)).toBe('a \uFFFD b');
    expect(tok.decode(ids, { skipSpecialTokens: true })).toBe('a  b');
  });

  it('keeps spaces the text began or ended with, and decodes pad and mask by name', async () => {
    const tok = await load();
    expect(tok.decode(tok.encode(' two  spaces ', { addSpecialTokens: false }))).toBe(' two  spaces ');
    const { pad, mask } = tok.specialIds;
    expect(tok.decode([mask, ...tok.encode('it', { addSpecialTokens: false }), pad])).toBe('<mask>it<pad>');
  });
});
