import { assert, describe } from '@ksub/core';
import { USE_LITE } from './use-lite-model';

/**
 * The sparse batch the USE-lite graph takes, as flat typed arrays.
 *
 * @example
 * ```ts
 * const { indices, values, tokens } = useLiteInputs([[9, 100]]);
 * tf.tensor(indices, [tokens, 2], 'int32');
 * ```
 */
export interface UseLiteInputs {
  /** [n, 2] row-major: (sentence, position) of every token. */
  readonly indices: Int32Array;
  /** [n]: the token ids, in the same order. */
  readonly values: Int32Array;
  /** Number of tokens n. */
  readonly tokens: number;
  /** Number of sentences. */
  readonly batch: number;
}

/**
 * Builds the sparse inputs of the Universal Sentence Encoder lite graph from token ids: sentence s,
 * position p with id v gives the row (s, p) of `indices` and v in `values`, sentence after
 * sentence — the layout of `@tensorflow-models/universal-sentence-encoder`'s `embed`. Ids are
 * those of the USE-lite tokenizer, without `<s>`/`</s>` (the reference adds none).
 *
 * @param ids - one non-empty id list per sentence (an empty one would shift later sentences' rows
 *   of the output); ids in [0, 8002)
 * @throws TypeError when `ids` is not a list of lists; RangeError naming the sentence (and
 *   position) for an empty batch, an empty sentence, or an id that is not an integer in [0, 8002)
 * @example
 * ```ts
 * useLiteInputs([[9, 100], [200]]);
 * // { indices: Int32Array [0,0, 0,1, 1,0], values: Int32Array [9, 100, 200], tokens: 3, batch: 2 }
 * ```
 */
export function useLiteInputs(ids: ReadonlyArray<ArrayLike<number>>): UseLiteInputs {
  const fn = 'useLiteInputs';
  assert(Array.isArray(ids), () => `${fn}: ids must be a list of id lists; got ${describe(ids)}`, TypeError);
  assert(ids.length > 0, () => `${fn}: ids must hold at least one sentence; got []`, RangeError);
  let tokens = 0;
  ids.forEach((sentence, s) => {
    assert(
      typeof sentence === 'object' && sentence !== null && Number.isSafeInteger(sentence.length),
      () => `${fn}: ids[${s}] must be a list of token ids; got ${describe(sentence)}`,
      TypeError,
    );
    assert(sentence.length > 0, () => `${fn}: ids[${s}] must hold at least one token; got none`, RangeError);
    tokens += sentence.length;
  });
  const indices = new Int32Array(tokens * 2);
  const values = new Int32Array(tokens);
  let at = 0;
  ids.forEach((sentence, s) => {
    for (let p = 0; p < sentence.length; p++) {
      const id = sentence[p] as number;
      if (!Number.isInteger(id) || id < 0 || id >= USE_LITE.rows)
        throw new RangeError(
          `${fn}: ids[${s}][${p}] must be an integer in [0, ${USE_LITE.rows - 1}]; got ${describe(id)}`,
        );
      indices[2 * at] = s;
      indices[2 * at + 1] = p;
      values[at++] = id;
    }
  });
  return { indices, values, tokens, batch: ids.length };
}
