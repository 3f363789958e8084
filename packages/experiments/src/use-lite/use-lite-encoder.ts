import { type EmbeddingMatrix } from '@ksub/core';
import { createProgress } from '@ksub/core/node';
import {
  embedUseLite,
  type GraphModelFiles,
  graphModelHandler,
  replaceGraphModelWeight,
  USE_LITE,
} from '@ksub/pretrained';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';

/** Options of {@link embedWithTable}. */
export interface EmbedOptions {
  /** Sentences per graph call (default 64). */
  readonly batchSize?: number;
  /** Label of the progress bar; none when omitted. */
  readonly label?: string;
}

/**
 * Sentence vectors of the USE-lite graph in `files` with its token table replaced by `table` (the
 * graph's own table when `undefined`): loads the graph (stock tfjs-converter, no network), runs
 * the sentences in batches of similar length — the graph pads every batch to its longest sentence,
 * so sorting by length cuts the padded work about 2.5× on real text — and returns the vectors in
 * the sentences' order. The graph's weights are freed before it returns.
 *
 * @param ids - the USE-lite tokenizer's ids per sentence (no `<s>`/`</s>`)
 * @returns ids.length · 512 floats, L2-normalised rows
 * @example
 * ```ts
 * const vectors = await embedWithTable(files, compressed, ids, { label: 'svd ×10' });
 * ```
 */
export async function embedWithTable(
  files: GraphModelFiles,
  table: EmbeddingMatrix | undefined,
  ids: ReadonlyArray<ArrayLike<number>>,
  options: EmbedOptions = {},
): Promise<Float32Array> {
  const batchSize = options.batchSize ?? 64;
  const model = await loadGraphModel(
    graphModelHandler(table === undefined ? files : replaceGraphModelWeight(files, USE_LITE.table, table)),
  );
  const dim = USE_LITE.outputDim;
  const order = Array.from(ids.keys()).sort(
    (a, b) => (ids[a] as ArrayLike<number>).length - (ids[b] as ArrayLike<number>).length,
  );
  const out = new Float32Array(ids.length * dim);
  const bar =
    options.label === undefined
      ? undefined
      : createProgress({ label: options.label, total: ids.length, unit: 'sentences' });
  try {
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const vectors = await embedUseLite(
        tf,
        model as unknown as Parameters<typeof embedUseLite<tf.Tensor>>[1],
        batch.map((i) => ids[i] as ArrayLike<number>),
      );
      batch.forEach((i, b) => out.set(vectors.subarray(b * dim, (b + 1) * dim), i * dim));
      bar?.tick(batch.length);
    }
  } finally {
    bar?.stop();
    model.dispose();
  }
  return out;
}
