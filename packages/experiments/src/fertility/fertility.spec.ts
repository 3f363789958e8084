import type { Tokenizer } from '@ksub/tokenizers';
import {
  type FertilityRow,
  renderFertilityMarkdown,
  summarizeFertility,
  tokenizerFertility,
} from './fertility';

// A tokenizer that makes one token per code point: its fertility per character is exactly 1.
const perChar = {
  name: 'per-char',
  encode: (text: string) => new Int32Array([...text].length),
} as unknown as Tokenizer;

describe('tokenizerFertility', () => {
  it('counts tokens, words and characters of the UDHR text', async () => {
    const [en, th] = await tokenizerFertility([perChar], ['en', 'th']);
    expect(en).toMatchObject({ tokenizer: 'per-char', language: 'en', tokensPerChar: 1 });
    expect(en?.tokens).toBe(en?.characters);
    expect(en?.words).toBeGreaterThan(1500); // the English UDHR has about 1,800 words
    expect(th?.tokensPerWord).toBeGreaterThan(en?.tokensPerWord ?? Infinity); // Thai writes no spaces between words
  });

  it('renders one line per language with the ratio to English', async () => {
    const rows = await tokenizerFertility([perChar], ['en', 'fr']);
    const md = renderFertilityMarkdown(rows).trim().split('\n');
    expect(md).toHaveLength(4);
    expect(md[2]).toMatch(/^\| en \| [\d,]+ \| [\d,]+ \| [\d,]+ \| [\d.]+ \| 1\.000 \| 1\.00 \|$/);
    const fr = rows[1];
    const en = rows[0];
    expect(md[3]).toContain(`| ${((fr?.tokens ?? 0) / (en?.tokens ?? 1)).toFixed(2)} |`);
  });
});

describe('summarizeFertility', () => {
  it('reports the median and the largest ratio to English', () => {
    const row = (language: string, tokens: number) =>
      ({ tokenizer: 't', language, tokens }) as unknown as FertilityRow;
    // ratios: fr 2, de 3, th 9 → median (lower middle of 3) 3, worst 9 (th)
    expect(summarizeFertility([row('en', 10), row('fr', 20), row('th', 90), row('de', 30)])).toEqual([
      't: median 3.00× English, up to 9.00× (th)',
    ]);
  });
});
