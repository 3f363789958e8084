import type { TransformerConfig } from '../config';
import type { EncoderInput } from '../encoder';
import { positionIds } from '../encoder';

/** Weights by Hugging Face name, as float64 arrays (row-major). */
export type ReferenceWeights = Map<string, Float64Array>;

/** x [rows, inDim] · wᵀ + b, with w [outDim, inDim] (PyTorch's layout); rows and outDim follow from x and b. */
function linear(x: Float64Array, inDim: number, w: Float64Array, b: Float64Array): Float64Array {
  const rows = x.length / inDim;
  const outDim = b.length;
  const out = new Float64Array(rows * outDim);
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < outDim; o++) {
      let s = b[o] as number;
      for (let i = 0; i < inDim; i++) s += (x[r * inDim + i] as number) * (w[o * inDim + i] as number);
      out[r * outDim + o] = s;
    }
  return out;
}

/** LayerNorm of each row of x over its d = g.length entries, gain g, bias b. */
function norm(x: Float64Array, g: Float64Array, b: Float64Array, eps: number): Float64Array {
  const d = g.length;
  const rows = x.length / d;
  const out = new Float64Array(x.length);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let i = 0; i < d; i++) mean += x[r * d + i] as number;
    mean /= d;
    let v = 0;
    for (let i = 0; i < d; i++) v += ((x[r * d + i] as number) - mean) ** 2;
    v /= d;
    for (let i = 0; i < d; i++)
      out[r * d + i] =
        (((x[r * d + i] as number) - mean) / Math.sqrt(v + eps)) * (g[i] as number) + (b[i] as number);
  }
  return out;
}

function erf(x: number): number {
  // Abramowitz & Stegun 7.1.26 is too coarse for a 1e-5 check; use the series / continued fraction
  const t = Math.abs(x);
  if (t < 3) {
    let sum = 0;
    let term = t;
    for (let n = 0; n < 100; n++) {
      sum += term / (2 * n + 1);
      term *= (-t * t) / (n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  return Math.sign(x) * (1 - Math.exp(-t * t) / (t * Math.sqrt(Math.PI)));
}

/**
 * The encoder written out in plain float64 loops, straight from the RoBERTa definition — the
 * reference the TF.js encoder is tested against. Full token embedding only (`…word_embeddings.embeddings`).
 */
export function referenceEncode(
  config: TransformerConfig,
  w: ReferenceWeights,
  input: EncoderInput,
): Float64Array {
  const W = (name: string): Float64Array => {
    const v = w.get(name);
    if (v === undefined) throw new Error(`reference: no weight ${name}`);
    return v;
  };
  const dense = (x: Float64Array, inDim: number, name: string) =>
    linear(x, inDim, W(`${name}.weight`), W(`${name}.bias`));
  const layerNorm = (x: Float64Array, name: string) => norm(x, W(`${name}.weight`), W(`${name}.bias`), eps);
  const { hidden: d, heads: H, intermediate: f, layerNormEps: eps } = config;
  const { batchSize: B, seqLength: S } = input;
  const n = B * S;
  const dh = d / H;
  const pos = positionIds(input, config.padId);
  let x: Float64Array = new Float64Array(n * d);
  const tok = W('roberta.embeddings.word_embeddings.embeddings');
  const pe = W('roberta.embeddings.position_embeddings.weight');
  const te = W('roberta.embeddings.token_type_embeddings.weight');
  for (let r = 0; r < n; r++)
    for (let i = 0; i < d; i++)
      x[r * d + i] =
        (tok[(input.inputIds[r] as number) * d + i] as number) +
        (pe[(pos[r] as number) * d + i] as number) +
        (te[i] as number);
  x = layerNorm(x, 'roberta.embeddings.LayerNorm');
  for (let l = 0; l < config.layers; l++) {
    const p = `roberta.encoder.layer.${l}.`;
    const q = dense(x, d, `${p}attention.self.query`);
    const k = dense(x, d, `${p}attention.self.key`);
    const v = dense(x, d, `${p}attention.self.value`);
    const ctx = new Float64Array(n * d);
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++)
        for (let i = 0; i < S; i++) {
          const scores: number[] = [];
          for (let j = 0; j < S; j++) {
            if (input.attentionMask[b * S + j] === 0) {
              scores.push(-Infinity);
              continue;
            }
            let s = 0;
            for (let t = 0; t < dh; t++)
              s += (q[(b * S + i) * d + h * dh + t] as number) * (k[(b * S + j) * d + h * dh + t] as number);
            scores.push(s / Math.sqrt(dh));
          }
          const max = Math.max(...scores);
          const e = scores.map((s) => Math.exp(s - max));
          const z = e.reduce((a, c) => a + c, 0);
          for (let j = 0; j < S; j++)
            for (let t = 0; t < dh; t++) {
              const at = (b * S + i) * d + h * dh + t;
              ctx[at] =
                (ctx[at] as number) + ((e[j] as number) / z) * (v[(b * S + j) * d + h * dh + t] as number);
            }
        }
    const attn = dense(ctx, d, `${p}attention.output.dense`);
    x = layerNorm(
      x.map((xi, i) => xi + (attn[i] as number)),
      `${p}attention.output.LayerNorm`,
    );
    const inner = dense(x, d, `${p}intermediate.dense`).map((u) => 0.5 * u * (1 + erf(u / Math.SQRT2)));
    const ff = dense(inner, f, `${p}output.dense`);
    x = layerNorm(
      x.map((xi, i) => xi + (ff[i] as number)),
      `${p}output.LayerNorm`,
    );
  }
  return x;
}
