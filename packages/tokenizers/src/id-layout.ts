import { assert, assertInteger, describe } from '@ksub/core';
import type { SpecialTokenIds } from './tokenizer';

/**
 * Where a codec's ids sit among the special tokens of a tokenizer's vocabulary.
 */
export interface IdLayout {
  /** Total number of ids. */
  readonly size: number;
  /** The special tokens' ids. */
  readonly specialIds: SpecialTokenIds;
  /** Ids that the codec never produces (special tokens, unused fillers), with their strings. */
  readonly reserved: ReadonlyMap<number, string>;
  /** Final id of a codec id. */
  toFinal(codecId: number): number;
  /** Codec id of a final id, or −1 for a reserved id. */
  toCodec(id: number): number;
  /** A canonical description, hashed into the tokenizer id. */
  readonly description: string;
}

/**
 * RoBERTa's layout around a codec of `codecSize` ids: `<s>`=0, `<pad>`=1, `</s>`=2, `<unk>`=3,
 * codec id c at c + 4, then unused `madeupwordNNNN` fillers up to `padTo − 1` (as fairseq pads
 * RoBERTa's dictionary) and `<mask>` last. With GPT-2's 50,257 BPE ids and `padTo` 50,265 this
 * gives RoBERTa's vocabulary size, with `<mask>` = 50264 as in roberta-base.
 *
 * @param codecSize - ids the codec produces
 * @param padTo - total size to pad to (default: codecSize + 5, no fillers)
 * @param codecReserved - codec ids that plain text never produces (a file's own special tokens,
 *   e.g. GPT-2's `<|endoftext|>`), kept at their shifted id and reserved
 * @throws RangeError when `padTo` is smaller than codecSize + 5
 * @example
 * ```ts
 * const layout = robertaLayout(50257, 50265);
 * layout.toFinal(0); // 4
 * layout.specialIds.mask; // 50264
 * ```
 */
export function robertaLayout(
  codecSize: number,
  padTo?: number,
  codecReserved: ReadonlyMap<number, string> = new Map(),
): IdLayout {
  assertInteger('robertaLayout', 'codecSize', codecSize, { min: 1 });
  const size = padTo ?? codecSize + 5;
  assertInteger('robertaLayout', 'padTo', size, { min: codecSize + 5 });
  const offset = 4;
  const mask = size - 1;
  const reserved = new Map<number, string>([
    [0, '<s>'],
    [1, '<pad>'],
    [2, '</s>'],
    [3, '<unk>'],
  ]);
  for (let id = codecSize + offset, n = 0; id < mask; id++, n++) {
    reserved.set(id, `madeupword${String(n).padStart(4, '0')}`);
  }
  reserved.set(mask, '<mask>');
  for (const [c, text] of codecReserved) {
    assertInteger('robertaLayout', 'codecReserved id', c, { min: 0, max: codecSize - 1 });
    reserved.set(c + offset, text);
  }
  return {
    size,
    specialIds: { bos: 0, cls: 0, pad: 1, eos: 2, sep: 2, unk: 3, mask },
    reserved,
    toFinal: (c) => c + offset,
    toCodec: (id) => (id >= offset && id < codecSize + offset && !reserved.has(id) ? id - offset : -1),
    description: `roberta:${codecSize}:${size}:${[...codecReserved.keys()].sort((a, b) => a - b).join(',')}`,
  };
}

/**
 * The layout of a tokenizer file whose ids are already final (a real roberta-base or
 * xlm-roberta-base `tokenizer.json`): codec ids are kept, and the given special ids are reserved.
 *
 * @param size - vocabulary size of the file
 * @param specialIds - the special tokens' ids in that vocabulary
 * @param reserved - every id plain text must not produce, with its string
 * @example
 * ```ts
 * identityLayout(50265, { bos: 0, cls: 0, pad: 1, eos: 2, sep: 2, unk: 3, mask: 50264 }, names);
 * ```
 */
export function identityLayout(
  size: number,
  specialIds: SpecialTokenIds,
  reserved: ReadonlyMap<number, string>,
): IdLayout {
  assertInteger('identityLayout', 'size', size, { min: 1 });
  for (const [key, id] of Object.entries(specialIds)) {
    assertInteger('identityLayout', `specialIds.${key}`, id, { min: 0, max: size - 1 });
    assert(
      reserved.has(id),
      () => `identityLayout: specialIds.${key} = ${describe(id)} must be among the reserved ids`,
      RangeError,
    );
  }
  const ids = [...reserved.keys()].sort((a, b) => a - b);
  return {
    size,
    specialIds,
    reserved,
    toFinal: (c) => c,
    toCodec: (id) => (reserved.has(id) ? -1 : id),
    description: `identity:${size}:${ids.join(',')}`,
  };
}
