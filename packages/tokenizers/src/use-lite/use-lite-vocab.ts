import { describe } from '@ksub/core';

/**
 * `vocab.json` of USE lite: `[piece, score]` by id; a few scores are `null` in the shipped file.
 *
 * @example
 * ```ts
 * const vocab: UseLiteVocab = [['\uFFFD', 0], ['<s>', 0], ['</s>', 0], ['.', -3.28]];
 * ```
 */
export type UseLiteVocab = ReadonlyArray<readonly [string, number | null]>;

/**
 * Ids below this are not text pieces: 0 `�` (unknown), 1 `<s>`, 2 `</s>`, 3–5 `extra_token_id_1…3`.
 * The reference tokenizer (`@tensorflow-models/universal-sentence-encoder`) never matches them.
 *
 * @example
 * ```ts
 * vocab.slice(USE_LITE_RESERVED); // the text pieces
 * ```
 */
export const USE_LITE_RESERVED = 6;

/**
 * Checks a parsed USE-lite `vocab.json`: a list of more than {@link USE_LITE_RESERVED}
 * `[piece, score]` pairs, each piece a non-empty string and each score a number or `null`.
 *
 * @param parsed - the parsed JSON
 * @param fail - throws (a FormatError naming the file)
 * @example
 * ```ts
 * const vocab = checkUseLiteVocab(JSON.parse(text), (what) => { throw new FormatError(`${path}: ${what}`); });
 * ```
 */
export function checkUseLiteVocab(parsed: unknown, fail: (what: string) => never): UseLiteVocab {
  if (!Array.isArray(parsed) || parsed.length <= USE_LITE_RESERVED)
    fail(
      `must be a list of more than ${USE_LITE_RESERVED} [piece, score] pairs; got ${Array.isArray(parsed) ? `${parsed.length}` : describe(parsed)}`,
    );
  const bad = (parsed as unknown[]).findIndex(
    (e) =>
      !Array.isArray(e) ||
      e.length !== 2 ||
      typeof e[0] !== 'string' ||
      e[0].length === 0 ||
      !(e[1] === null || typeof e[1] === 'number'),
  );
  if (bad >= 0)
    fail(
      `entry ${bad} must be a [piece, score] pair (score a number or null); got ${describe((parsed as unknown[])[bad])}`,
    );
  return parsed as UseLiteVocab;
}

/**
 * The pieces' scores with the shipped file's broken ones repaired. SentencePiece lists pieces by
 * score, highest first, and a unigram score is a log-probability (< 0). In the shipped
 * `vocab.json`, 9 pieces that contain `:` lost their score — 7 are `null` (ids 57 `:`, 255 `://`,
 * 604 `▁:`, 658 `▁:)`, 4258 `▁:(`, 4445 `):`, 6600 `▁:-)`) and 2 carry a number taken from the
 * piece itself (4177 `:30` → 30, 5920 `:00` → 0), probably from splitting "piece: score" lines at
 * the wrong colon. Each such score (not a finite negative number) becomes the mean of its nearest
 * intact neighbours', which keeps the list sorted, as the model's own SentencePiece model was.
 * A JS tokenizer that takes the file as it is (the reference's arithmetic reads `null` as 0)
 * scores those pieces far above all others, which is a defect of the file, not the model's
 * tokenization. Reserved ids keep score 0. (The file has one more defect, left as it is: ids 230,
 * 238 and 4464 share the piece string `”5`; text yields only 4464, as in the reference, whose
 * trie keeps the last.)
 *
 * @returns the scores by id, and the ids whose score was replaced
 * @example
 * ```ts
 * const { scores, repaired } = repairedUseLiteScores(vocab);
 * repaired; // [57, 255, 604, 658, 4177, 4258, 4445, 5920, 6600] for the shipped file
 * ```
 */
export function repairedUseLiteScores(vocab: UseLiteVocab): { scores: number[]; repaired: number[] } {
  const intact = (id: number): boolean => {
    const score = vocab[id]?.[1];
    return typeof score === 'number' && Number.isFinite(score) && score < 0;
  };
  const scores = vocab.map(([, score]) => score ?? 0);
  const repaired: number[] = [];
  for (let id = USE_LITE_RESERVED; id < vocab.length; id++) {
    if (intact(id)) continue;
    let before = id - 1;
    while (before >= USE_LITE_RESERVED && !intact(before)) before--;
    let after = id + 1;
    while (after < vocab.length && !intact(after)) after++;
    const around = [
      before >= USE_LITE_RESERVED ? scores[before] : undefined,
      after < vocab.length ? scores[after] : undefined,
    ].filter((s): s is number => s !== undefined);
    // a vocabulary with no intact score at all gives every piece the same score
    scores[id] = around.length === 0 ? -1 : around.reduce((a, b) => a + b, 0) / around.length;
    repaired.push(id);
  }
  return { scores, repaired };
}
