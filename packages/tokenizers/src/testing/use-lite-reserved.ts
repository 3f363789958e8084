/** The six reserved `[piece, score]` entries that open USE-lite's `vocab.json` (ids 0–5), for specs. */
export const USE_LITE_RESERVED_PIECES: readonly [string, number][] = [
  ['\uFFFD', 0],
  ['<s>', 0],
  ['</s>', 0],
  ['extra_token_id_1', 0],
  ['extra_token_id_2', 0],
  ['extra_token_id_3', 0],
];
