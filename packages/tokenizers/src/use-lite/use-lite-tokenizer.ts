import { describe } from '@ksub/core';
import { LayeredTokenizer } from '../layered-tokenizer';
import type { DecodeOptions } from '../tokenizer';

/**
 * A {@link LayeredTokenizer} that decodes the SentencePiece way: the pieces of the whole sequence
 * joined, `▁` read as a space, and the one space the encoder put in front of the text dropped
 * (that of the first text piece; special tokens around it do not count). The layered decode
 * would decode each run between special tokens on its own and drop a space after every special
 * token ("a � b" would come back as "a �b").
 *
 * @example
 * ```ts
 * const tok = await loadUseLiteTokenizer();
 * tok.decode(tok.encode('I like it.')); // '<s>I like it.</s>'
 * ```
 */
export class UseLiteTokenizer extends LayeredTokenizer {
  override decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    const fn = `${this.name}.decode`;
    const skip = options.skipSpecialTokens ?? false;
    const vocab = this.vocab();
    let text = '';
    let first = true;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
        throw new RangeError(
          `${fn}: ids[${i}] must be an integer in [0, ${this.vocabSize - 1}]; got ${describe(id)}`,
        );
      }
      if (this.isSpecial(id)) {
        if (!skip) text += vocab[id] ?? '';
        continue;
      }
      const piece = (vocab[id] ?? '').replaceAll('\u2581', ' ');
      text += first && piece.startsWith(' ') ? piece.slice(1) : piece;
      first = false;
    }
    return text;
  }
}
