import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Tokenizer } from '../tokenizer';

/** Options of {@link describeTokenizerConformance}. */
export interface TokenizerConformanceOptions {
  /**
   * Real text to round-trip, by label (e.g. the UDHR in the 15 XNLI languages), each read when its
   * test runs. Every sample must come back exactly: `decode(encode(x)) === x`.
   */
  readonly samples: Readonly<Record<string, () => string | Promise<string>>>;
  /** Whether plain text may produce the unknown token (SentencePiece models with gaps). Default false. */
  readonly allowUnknown?: boolean;
}

/**
 * The shared conformance suite of the tokenizer seam; every adapter runs it from its spec. It
 * checks exact round trips on real multilingual text, ids within the vocabulary, special tokens
 * never produced from plain text (even when the text spells them), RoBERTa's
 * `<s> A </s></s> B </s>` pair layout, truncation to a maximum length, the vocabulary listing,
 * a stable id, and errors for bad ids.
 *
 * @param name - label of the suite
 * @param load - loads the tokenizer under test
 * @param options - the samples to round-trip
 * @example
 * ```ts
 * describeTokenizerConformance('roberta-gpt2', loadRobertaGpt2, { samples: { en: () => 'Hello world.' } });
 * ```
 */
export function describeTokenizerConformance(
  name: string,
  load: () => Promise<Tokenizer>,
  options: TokenizerConformanceOptions,
): void {
  const labels = Object.keys(options.samples);
  const sample = async (label: string): Promise<string> => (await options.samples[label]?.()) ?? '';
  const plainSpecials = (tok: Tokenizer, ids: Int32Array): number[] =>
    Array.from(ids).filter(
      (id) => tok.isSpecial(id) && !(options.allowUnknown === true && id === tok.specialIds.unk),
    );
  const noSpecials = { addSpecialTokens: false } as const;

  describe(`tokenizer conformance: ${name}`, () => {
    // The first load parses megabytes of vocabulary (seconds on a loaded machine): it happens here,
    // with its own minute, rather than inside the first test's 5 s (a `load` that caches then serves
    // every test; one that does not is timed per test as before).
    beforeAll(async () => {
      await load();
    }, 60_000);

    it.each(labels)(
      'round-trips the %s sample exactly, with ids in range and no special tokens',
      async (label) => {
        const tok = await load();
        const text = await sample(label);
        const ids = tok.encode(text, noSpecials);
        expect(ids.length).toBeGreaterThan(0);
        expect(Math.min(...ids)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...ids)).toBeLessThan(tok.vocabSize);
        expect(plainSpecials(tok, ids)).toEqual([]);
        expect(tok.decode(ids)).toBe(text);
      },
    );

    it('never produces a special token from text that spells one', async () => {
      const tok = await load();
      const spelled = tok
        .vocab()
        .filter((_, id) => tok.isSpecial(id))
        .slice(0, 64);
      expect(spelled.length).toBeGreaterThan(0);
      for (const special of spelled) {
        const text = `x ${special} y${special}`;
        const ids = tok.encode(text, noSpecials);
        expect({ special, produced: plainSpecials(tok, ids) }).toEqual({ special, produced: [] });
        expect(tok.decode(ids)).toBe(text);
      }
    });

    it('wraps a sequence as <s> … </s> and a pair as <s> A </s></s> B </s>', async () => {
      const tok = await load();
      const [first = '', second = ''] = await Promise.all(labels.slice(0, 2).map(sample));
      const a = Array.from(tok.encode(first.slice(0, 200), noSpecials));
      const b = Array.from(tok.encode(second.slice(0, 200), noSpecials));
      const { bos, eos, cls, sep } = tok.specialIds;
      expect(Array.from(tok.encode(first.slice(0, 200)))).toEqual([bos, ...a, eos]);
      expect(Array.from(tok.encodePair(first.slice(0, 200), second.slice(0, 200)))).toEqual([
        bos,
        ...a,
        eos,
        eos,
        ...b,
        eos,
      ]);
      expect([cls, sep]).toEqual([bos, eos]);
      expect(new Set(Object.values(tok.specialIds)).size).toBe(5);
    });

    it('truncates to maxLength, keeping the special tokens and the beginning', async () => {
      const tok = await load();
      const text = await sample(labels[0] ?? '');
      const full = tok.encode(text);
      const cut = tok.encode(text, { maxLength: 16 });
      expect(cut.length).toBe(Math.min(16, full.length));
      expect(Array.from(cut.subarray(0, 15))).toEqual(Array.from(full.subarray(0, 15)));
      expect(cut[cut.length - 1]).toBe(tok.specialIds.eos);
      const pair = tok.encodePair(text, text, { maxLength: 32 });
      expect(pair.length).toBe(32);
      expect(Array.from(pair).filter((id) => id === tok.specialIds.eos)).toHaveLength(3);
    });

    it('lists one token string per id and has a stable id', async () => {
      const tok = await load();
      const vocab = tok.vocab();
      expect(vocab).toHaveLength(tok.vocabSize);
      expect(vocab[tok.specialIds.mask]).toBe('<mask>');
      expect(vocab[tok.specialIds.bos]).toBe('<s>');
      expect((await load()).id).toBe(tok.id);
      expect(tok.id.startsWith(`${tok.name}@`)).toBe(true);
    });

    it('rejects ids outside the vocabulary when decoding', async () => {
      const tok = await load();
      expect(() => tok.decode([tok.vocabSize])).toThrow(
        `${tok.name}.decode: ids[0] must be an integer in [0, ${tok.vocabSize - 1}]; got ${tok.vocabSize}`,
      );
      expect(() => tok.decode([-1])).toThrow(RangeError);
    });
  });
}
