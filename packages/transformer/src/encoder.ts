import * as tf from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';
import { assert, describe } from '@ksub/core';
import type { TokenEmbedding } from '@ksub/embedding';
import { compositeAttention, fusedAttention, simdKernel } from '@ksub/tensor';
import { maxSequenceLength, type TransformerConfig, validateConfig } from './config';
import { dense, denseGelu, type DropoutStream, layerNorm } from './ops/layers';
import type { ParameterSet } from './parameters';

/** Attention as one fused op where the SIMD kernel runs, else from TF.js ops (same values). */
const attention: typeof fusedAttention = (qkv, options) =>
  simdKernel() === null ? compositeAttention(qkv, options) : fusedAttention(qkv, options);

/** A token embedding usable in a model: the ksub seam, as a TF.js layer (its weights are trained). */
export type EmbeddingLayer = TokenEmbedding & layers.Layer & { createWeights(): void };

/** A batch of token ids with its padding mask, row-major [batchSize, seqLength]. */
export interface EncoderInput {
  readonly batchSize: number;
  readonly seqLength: number;
  readonly inputIds: Int32Array;
  /** 1 for real tokens, 0 for padding. */
  readonly attentionMask: Int32Array;
}

interface LayerWeights {
  qkvWeight: tf.Variable[];
  qkvBias: tf.Variable[];
  outWeight: tf.Variable;
  outBias: tf.Variable;
  ln1: [tf.Variable, tf.Variable];
  ffInWeight: tf.Variable;
  ffInBias: tf.Variable;
  ffOutWeight: tf.Variable;
  ffOutBias: tf.Variable;
  ln2: [tf.Variable, tf.Variable];
}

/**
 * RoBERTa position ids: padding gets padId; real tokens count from padId + 1 in order
 * (cumsum of the mask, as Hugging Face's `create_position_ids_from_input_ids`).
 */
export function positionIds(input: EncoderInput, padId: number): Int32Array {
  const out = new Int32Array(input.batchSize * input.seqLength);
  for (let b = 0; b < input.batchSize; b++) {
    let count = 0;
    for (let t = 0; t < input.seqLength; t++) {
      const i = b * input.seqLength + t;
      if (input.attentionMask[i] !== 0) out[i] = padId + 1 + count++;
      else out[i] = padId;
    }
  }
  return out;
}

/**
 * RoBERTa's encoder: token embedding (any {@link EmbeddingLayer}) + learned positions + token type,
 * LayerNorm, dropout; then post-LayerNorm layers of multi-head self-attention (padding masked) and a
 * GELU feed-forward block, each with residual, dropout and LayerNorm. Parameters are registered in
 * the given {@link ParameterSet} under Hugging Face `roberta.*` names, linear weights stored
 * [out, in]; products run on `@ksub/tensor`'s matMul.
 */
export class RobertaEncoder {
  readonly config: TransformerConfig;
  readonly embedding: EmbeddingLayer;
  private readonly positions: tf.Variable;
  private readonly tokenType: tf.Variable;
  private readonly embLn: [tf.Variable, tf.Variable];
  private readonly layerWeights: LayerWeights[] = [];

  constructor(config: TransformerConfig, embedding: EmbeddingLayer, params: ParameterSet) {
    this.config = validateConfig(config);
    assert(
      embedding.vocabSize === config.vocabSize && embedding.dim === config.hidden,
      () =>
        `RobertaEncoder: embedding must be ${config.vocabSize} × ${config.hidden} to match the config; ` +
        `got ${describe(embedding.vocabSize)} × ${describe(embedding.dim)}`,
      RangeError,
    );
    this.embedding = embedding;
    const { hidden: d, intermediate: f, initStddev: std } = config;
    embedding.createWeights();
    for (const w of embedding.trainableWeights) {
      const short = w.name.split('/').pop() ?? w.name;
      // a factorized decoder's bias is not decayed, as every other bias
      params.add(`roberta.embeddings.word_embeddings.${short}`, w.read() as tf.Variable, short !== 'bias');
    }
    const p = 'roberta.embeddings.';
    this.positions = params.normal(`${p}position_embeddings.weight`, [config.maxPositions, d], std);
    this.tokenType = params.normal(`${p}token_type_embeddings.weight`, [config.typeVocabSize, d], std);
    this.embLn = [params.ones(`${p}LayerNorm.weight`, [d]), params.zeros(`${p}LayerNorm.bias`, [d])];
    for (let l = 0; l < config.layers; l++) {
      const q = `roberta.encoder.layer.${l}.`;
      const qkvWeight: tf.Variable[] = [];
      const qkvBias: tf.Variable[] = [];
      for (const part of ['query', 'key', 'value']) {
        qkvWeight.push(params.normal(`${q}attention.self.${part}.weight`, [d, d], std));
        qkvBias.push(params.zeros(`${q}attention.self.${part}.bias`, [d]));
      }
      this.layerWeights.push({
        qkvWeight,
        qkvBias,
        outWeight: params.normal(`${q}attention.output.dense.weight`, [d, d], std),
        outBias: params.zeros(`${q}attention.output.dense.bias`, [d]),
        ln1: [
          params.ones(`${q}attention.output.LayerNorm.weight`, [d]),
          params.zeros(`${q}attention.output.LayerNorm.bias`, [d]),
        ],
        ffInWeight: params.normal(`${q}intermediate.dense.weight`, [f, d], std),
        ffInBias: params.zeros(`${q}intermediate.dense.bias`, [f]),
        ffOutWeight: params.normal(`${q}output.dense.weight`, [d, f], std),
        ffOutBias: params.zeros(`${q}output.dense.bias`, [d]),
        ln2: [
          params.ones(`${q}output.LayerNorm.weight`, [d]),
          params.zeros(`${q}output.LayerNorm.bias`, [d]),
        ],
      });
    }
  }

  /**
   * Hidden states [batchSize · seqLength, hidden] of the last layer (rows in batch-major order).
   * Call inside a tidy. `onLayer`, when given, sees every layer's output as it is made — layer 0
   * the embedding output (after LayerNorm), then layers 1…L (Hugging Face's `output_hidden_states`);
   * the tensors belong to the surrounding tidy.
   *
   * @throws RangeError for a sequence longer than the positions allow or mismatched array lengths.
   */
  encode(
    input: EncoderInput,
    dropout: DropoutStream,
    onLayer?: (layer: number, hidden: tf.Tensor2D) => void,
  ): tf.Tensor2D {
    const { batchSize: B, seqLength: S } = input;
    const { hidden: d, heads: H, padId, layerNormEps: eps } = this.config;
    assert(
      S <= maxSequenceLength(this.config),
      () => `RobertaEncoder.encode: seqLength must be at most ${maxSequenceLength(this.config)}; got ${S}`,
      RangeError,
    );
    assert(
      input.inputIds.length === B * S && input.attentionMask.length === B * S,
      () =>
        `RobertaEncoder.encode: inputIds and attentionMask must hold batchSize · seqLength = ${B * S} values; ` +
        `got ${input.inputIds.length} and ${input.attentionMask.length}`,
      RangeError,
    );
    const ids = tf.tensor2d(input.inputIds, [B, S], 'int32');
    const tokens = tf.reshape(this.embedding.embed(ids), [B * S, d]);
    const pos = tf.gather(this.positions, tf.tensor1d(positionIds(input, padId), 'int32'));
    let x: tf.Tensor = tf.add(tf.add(tokens, pos), tf.gather(this.tokenType, [0]));
    x = dropout.apply(layerNorm(x, this.embLn[0], this.embLn[1], eps), this.config.dropout);
    onLayer?.(0, x as tf.Tensor2D);
    for (const [l, w] of this.layerWeights.entries()) {
      const qkv = dense(x, tf.concat(w.qkvWeight, 0), tf.concat(w.qkvBias, 0)) as tf.Tensor2D; // [B·S, 3d]
      const context = attention(qkv, {
        batchSize: B,
        seqLength: S,
        heads: H,
        mask: input.attentionMask,
        dropout: dropout.training ? this.config.attentionDropout : 0,
        seed: dropout.nextSeed(),
      });
      const attended = dropout.apply(dense(context, w.outWeight, w.outBias), this.config.dropout);
      x = layerNorm(x, w.ln1[0], w.ln1[1], eps, attended);
      const inner = denseGelu(x, w.ffInWeight, w.ffInBias);
      const ff = dropout.apply(dense(inner, w.ffOutWeight, w.ffOutBias), this.config.dropout);
      x = layerNorm(x, w.ln2[0], w.ln2[1], eps, ff);
      onLayer?.(l + 1, x as tf.Tensor2D);
    }
    return x as tf.Tensor2D;
  }
}
