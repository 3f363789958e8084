import type { EmbeddingMatrix } from '@ksub/core';
import type { GraphModelFiles } from '@ksub/pretrained';
import { embedWithTable } from './use-lite-encoder';
import type { UseLiteData } from './use-lite-data';

/** One model's sentence vectors for everything {@link UseLiteData} holds, in its order. */
export interface ModelVectors {
  readonly sentences: Float32Array;
  /** Per probe task (same order as `data.probes`): train, dev and test vectors. */
  readonly probes: readonly {
    readonly train: Float32Array;
    readonly dev: Float32Array;
    readonly test: Float32Array;
  }[];
  /** Both sides of the paraphrase pairs, when the data has pairs. */
  readonly pairs?: { readonly first: Float32Array; readonly second: Float32Array };
}

const DIM = 512;

/**
 * Embeds all of the study's text with one model (the graph in `files` with `table` swapped in;
 * its own table when `undefined`) in a single length-sorted pass, then cuts the vectors back into
 * the data's parts.
 */
export async function modelVectors(
  files: GraphModelFiles,
  table: EmbeddingMatrix | undefined,
  data: UseLiteData,
  label?: string,
): Promise<ModelVectors> {
  const lists: number[][][] = [data.sentences.ids];
  for (const p of data.probes) lists.push(p.splits.train.ids, p.splits.dev.ids, p.splits.test.ids);
  if (data.pairs) lists.push(data.pairs.first, data.pairs.second);
  const all = await embedWithTable(files, table, lists.flat(), label === undefined ? {} : { label });
  let offset = 0;
  const take = (n: number) => {
    const part = all.subarray(offset * DIM, (offset + n) * DIM);
    offset += n;
    return part;
  };
  const sentences = take(data.sentences.ids.length);
  const probes = data.probes.map((p) => ({
    train: take(p.splits.train.ids.length),
    dev: take(p.splits.dev.ids.length),
    test: take(p.splits.test.ids.length),
  }));
  const pairs = data.pairs
    ? { first: take(data.pairs.first.length), second: take(data.pairs.second.length) }
    : undefined;
  return { sentences, probes, ...(pairs ? { pairs } : {}) };
}
