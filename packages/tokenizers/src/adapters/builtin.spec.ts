import { udhrText, XNLI_LANGUAGES, type XnliLanguage } from '@ksub/datasets';
import { describeTokenizerConformance } from '../testing';
import type { Tokenizer } from '../tokenizer';
import {
  loadRobertaGpt2 as loadGpt2Fresh,
  loadXlmrO200k as loadO200kFresh,
  ROBERTA_VOCAB_SIZE,
} from './builtin';

// Loading parses megabytes of vocabulary: once per file, not once per test.
const once = (load: () => Promise<Tokenizer>): (() => Promise<Tokenizer>) => {
  let cached: Promise<Tokenizer> | undefined;
  return () => (cached ??= load());
};
const loadRobertaGpt2 = once(loadGpt2Fresh);
const loadXlmrO200k = once(loadO200kFresh);
// js-tiktoken is an ES module: imported dynamically from this CommonJS package.
const encoding = async (name: 'r50k_base' | 'o200k_base') => (await import('js-tiktoken')).getEncoding(name);

const udhr = Object.fromEntries(XNLI_LANGUAGES.map((l: XnliLanguage) => [l, () => udhrText(l)]));

describeTokenizerConformance('roberta-gpt2', loadRobertaGpt2, { samples: udhr });
describeTokenizerConformance('xlmr-o200k', loadXlmrO200k, { samples: udhr });

describe('roberta-gpt2', () => {
  it('loads afresh to the same id', async () => {
    expect((await loadGpt2Fresh()).id).toBe((await loadRobertaGpt2()).id);
  });

  it("has RoBERTa's size and special ids", async () => {
    const tok = await loadRobertaGpt2();
    expect(tok.vocabSize).toBe(ROBERTA_VOCAB_SIZE);
    expect(tok.specialIds).toEqual({ bos: 0, cls: 0, pad: 1, eos: 2, sep: 2, unk: 3, mask: 50264 });
    expect(tok.vocab().slice(0, 6)).toEqual(['<s>', '<pad>', '</s>', '<unk>', '!', '"']);
    expect(tok.vocab()[50260]).toBe('<|endoftext|>');
    expect(tok.isSpecial(50260)).toBe(true);
  });

  it('matches tiktoken r50k ids plus the documented offset of 4 (golden, all 15 languages)', async () => {
    const tok = await loadRobertaGpt2();
    const r50k = await encoding('r50k_base');
    for (const language of XNLI_LANGUAGES) {
      const text = await udhrText(language);
      const ours = Array.from(tok.encode(text, { addSpecialTokens: false }));
      expect({ language, ids: ours }).toEqual({ language, ids: r50k.encode(text).map((id) => id + 4) });
    }
    // 15 languages through two tokenizers: ~3 s alone, past jest's 5 s default on a loaded machine
  }, 60_000);

  it('spells the byte-level tokens of a known sentence', async () => {
    const tok = await loadRobertaGpt2();
    const ids = tok.encode('Hello world', { addSpecialTokens: false });
    expect(Array.from(ids)).toEqual([15496 + 4, 995 + 4]); // GPT-2: Hello = 15496, Ġworld = 995
    expect(Array.from(ids).map((id) => tok.vocab()[id])).toEqual(['Hello', 'Ġworld']);
  });
});

describe('xlmr-o200k', () => {
  it('places o200k ranks after the four RoBERTa specials and <mask> last', async () => {
    const tok = await loadXlmrO200k();
    expect(tok.vocabSize).toBe(199998 + 5);
    expect(tok.specialIds).toEqual({ bos: 0, cls: 0, pad: 1, eos: 2, sep: 2, unk: 3, mask: 200002 });
    const o200k = await encoding('o200k_base');
    const text = 'Tous les êtres humains naissent libres et égaux en dignité et en droits.';
    expect(Array.from(tok.encode(text, { addSpecialTokens: false }))).toEqual(
      o200k.encode(text).map((id) => id + 4),
    );
    const [the = -1] = o200k.encode(' the');
    expect(tok.vocab()[4 + the]).toBe('Ġthe');
  });
});
