import { assert } from '@ksub/core';
import type { EmbeddingSpec } from './embedding-spec';
import type { EmbeddingLayer } from './encoder';
import { MaskedLanguageModel } from './masked-lm';

/** Prefix of the token-embedding parameters in a {@link ParameterSet}. */
const TOKEN_EMBEDDING = 'roberta.embeddings.word_embeddings.';

/**
 * A copy of `model` whose token embedding (and with it the tied MLM decoder) is `embedding`: every
 * other weight — positions, LayerNorms, layers, head — is copied from `model` by name. This is the
 * post-hoc swap of the direction paper: compress a trained model's embedding matrix and evaluate
 * the model with the compressed one, without further training. The new model owns copies; `model`
 * is left as it was (dispose each separately). `spec` describes `embedding` so the result can be
 * saved with `saveMaskedLm`.
 *
 * @example
 * ```ts
 * const { embedding } = svdCompress(matrixOf(model), 16);
 * const swapped = replaceEmbedding(model, embedding, { kind: 'factorized', rank: 16 });
 * ```
 *
 * @throws RangeError when `embedding` is not vocabSize × hidden for the model's config.
 */
export function replaceEmbedding(
  model: MaskedLanguageModel,
  embedding: EmbeddingLayer,
  spec: EmbeddingSpec,
): MaskedLanguageModel {
  assert(
    spec.kind === embedding.kind,
    () =>
      `replaceEmbedding: spec.kind ${JSON.stringify(spec.kind)} does not describe a ${embedding.kind} embedding`,
    RangeError,
  );
  const swapped = new MaskedLanguageModel(model.config, embedding, 0, spec);
  for (const p of swapped.params.all())
    if (!p.name.startsWith(TOKEN_EMBEDDING)) p.variable.assign(model.params.get(p.name).variable);
  return swapped;
}
