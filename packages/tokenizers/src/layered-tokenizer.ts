import { assert, assertInteger, describe } from '@ksub/core';
import type { TextCodec } from './codec';
import type { IdLayout } from './id-layout';
import type { DecodeOptions, EncodeOptions, SpecialTokenIds, Tokenizer } from './tokenizer';

/** What {@link LayeredTokenizer} is built from. */
export interface LayeredTokenizerParts {
  /** Registry name. */
  readonly name: string;
  /** Hash of the vocabulary files (hex), combined with the layout into the id. */
  readonly filesHash: string;
  /** The plain-text codec. */
  readonly codec: TextCodec;
  /** Where codec ids sit among the special tokens. */
  readonly layout: IdLayout;
}

/**
 * A {@link Tokenizer} made of a plain-text codec and an id layout. The codec sees only plain text,
 * so special tokens come from nowhere but `encode`'s wrapping: RoBERTa's `<s> A </s>` and
 * `<s> A </s></s> B </s>`, truncated at the end to `maxLength` (pairs: longest segment first).
 */
export class LayeredTokenizer implements Tokenizer {
  readonly name: string;
  readonly id: string;
  readonly vocabSize: number;
  readonly specialIds: SpecialTokenIds;
  private readonly codec: TextCodec;
  private readonly layout: IdLayout;
  private vocabCache: string[] | undefined;

  constructor(parts: LayeredTokenizerParts) {
    this.name = parts.name;
    this.codec = parts.codec;
    this.layout = parts.layout;
    this.vocabSize = parts.layout.size;
    this.specialIds = parts.layout.specialIds;
    this.id = `${parts.name}@${parts.filesHash.slice(0, 16)}:${parts.layout.description}`;
  }

  encode(text: string, options: EncodeOptions = {}): Int32Array {
    const fn = `${this.name}.encode`;
    assert(typeof text === 'string', () => `${fn}: text must be a string; got ${describe(text)}`, TypeError);
    const { addSpecialTokens = true, maxLength } = options;
    const extra = addSpecialTokens ? 2 : 0;
    if (maxLength !== undefined) assertInteger(fn, 'options.maxLength', maxLength, { min: extra + 1 });
    const body = this.body(text);
    const keep = maxLength === undefined ? body.length : Math.min(body.length, maxLength - extra);
    const out = new Int32Array(keep + extra);
    let at = 0;
    if (addSpecialTokens) out[at++] = this.specialIds.bos;
    for (let i = 0; i < keep; i++) out[at++] = body[i] as number;
    if (addSpecialTokens) out[at] = this.specialIds.eos;
    return out;
  }

  encodePair(first: string, second: string, options: EncodeOptions = {}): Int32Array {
    const fn = `${this.name}.encodePair`;
    assert(
      typeof first === 'string',
      () => `${fn}: first must be a string; got ${describe(first)}`,
      TypeError,
    );
    assert(
      typeof second === 'string',
      () => `${fn}: second must be a string; got ${describe(second)}`,
      TypeError,
    );
    const { addSpecialTokens = true, maxLength } = options;
    const extra = addSpecialTokens ? 4 : 0;
    if (maxLength !== undefined) assertInteger(fn, 'options.maxLength', maxLength, { min: extra + 2 });
    const a = this.body(first);
    const b = this.body(second);
    let la = a.length;
    let lb = b.length;
    if (maxLength !== undefined) {
      // longest first: trim whichever segment is longer, one token at a time
      const over = la + lb - (maxLength - extra);
      for (let i = 0; i < over; i++) {
        if (la >= lb) la--;
        else lb--;
      }
    }
    const { bos, eos } = this.specialIds;
    const out = new Int32Array(la + lb + extra);
    let at = 0;
    if (addSpecialTokens) out[at++] = bos;
    for (let i = 0; i < la; i++) out[at++] = a[i] as number;
    if (addSpecialTokens) {
      out[at++] = eos;
      out[at++] = eos;
    }
    for (let i = 0; i < lb; i++) out[at++] = b[i] as number;
    if (addSpecialTokens) out[at] = eos;
    return out;
  }

  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    const fn = `${this.name}.decode`;
    const skip = options.skipSpecialTokens ?? false;
    let text = '';
    let run: number[] = [];
    const flush = () => {
      if (run.length > 0) text += this.codec.decode(run);
      run = [];
    };
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
        throw new RangeError(
          `${fn}: ids[${i}] must be an integer in [0, ${this.vocabSize - 1}]; got ${describe(id)}`,
        );
      }
      const c = this.layout.toCodec(id);
      if (c >= 0) {
        run.push(c);
      } else {
        flush();
        if (!skip) text += this.layout.reserved.get(id) ?? '';
      }
    }
    flush();
    return text;
  }

  vocab(): readonly string[] {
    if (this.vocabCache === undefined) {
      const tokens = this.codec.tokens();
      const out = new Array<string>(this.vocabSize);
      for (let id = 0; id < this.vocabSize; id++) {
        const c = this.layout.toCodec(id);
        out[id] = c >= 0 ? (tokens[c] ?? '') : (this.layout.reserved.get(id) ?? '');
      }
      this.vocabCache = out;
    }
    return this.vocabCache;
  }

  isSpecial(id: number): boolean {
    return this.layout.reserved.has(id);
  }

  private body(text: string): Int32Array {
    const codecIds = this.codec.encode(text);
    const out = new Int32Array(codecIds.length);
    for (let i = 0; i < codecIds.length; i++) out[i] = this.layout.toFinal(codecIds[i] as number);
    return out;
  }
}
