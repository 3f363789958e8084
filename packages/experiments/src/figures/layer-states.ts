import * as tf from '@tensorflow/tfjs-core';
import { collateSequences } from '@ksub/training';
import { DropoutStream, type MaskedLanguageModel } from '@ksub/transformer';

/** Every layer's hidden states of the real tokens of some sequences (see {@link layerStates}). */
export interface LayerStates {
  /** Token id of each kept occurrence. */
  readonly ids: Int32Array;
  /** Per layer (0 = embedding output, then 1…L): ids.length rows of width hidden. */
  readonly layers: readonly Float32Array[];
  readonly hidden: number;
}

/**
 * Runs the encoder (no dropout) over `sequences` in batches and keeps, for every layer, the hidden
 * states of the real tokens — padding and special tokens (`isSpecial`) dropped — with their ids:
 * the input of the Fig. 3 similarities.
 *
 * @example
 * ```ts
 * const { ids, layers } = layerStates(model, validation, { batchSize: 16, isSpecial: (id) => id < 4 });
 * ```
 */
export function layerStates(
  model: MaskedLanguageModel,
  sequences: readonly Int32Array[],
  options: { readonly batchSize: number; readonly isSpecial: (id: number) => boolean },
): LayerStates {
  const d = model.config.hidden;
  const kept: number[] = [];
  const chunks: Float32Array[][] = Array.from({ length: model.config.layers + 1 }, () => []);
  for (let start = 0; start < sequences.length; start += options.batchSize) {
    const input = collateSequences(sequences.slice(start, start + options.batchSize), model.config.padId);
    const rows: number[] = [];
    input.inputIds.forEach((id, r) => {
      if (input.attentionMask[r] === 1 && !options.isSpecial(id)) rows.push(r);
    });
    for (const r of rows) kept.push(input.inputIds[r] as number);
    tf.tidy(() => {
      model.encoder.encode(input, new DropoutStream(false, 0), (layer, h) => {
        const all = h.dataSync() as Float32Array;
        const out = new Float32Array(rows.length * d);
        rows.forEach((r, i) => out.set(all.subarray(r * d, (r + 1) * d), i * d));
        chunks[layer]?.push(out);
      });
    });
  }
  const layers = chunks.map((parts) => {
    const out = new Float32Array(kept.length * d);
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  });
  return { ids: Int32Array.from(kept), layers, hidden: d };
}
