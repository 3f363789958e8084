import * as tf from '@tensorflow/tfjs-core';
import { decodeAllocation, encodeAllocation, getAllocator } from '@ksub/index-mapping';
import { initBackend, matMul } from '@ksub/tensor';
import { FullEmbedding } from './full-embedding';
import { KSubEmbedding } from './ksub-embedding';

const flat = async (t: tf.Tensor): Promise<number[]> => Array.from(await t.data());

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('KSubEmbedding', () => {
  // A real Algorithm 1 allocation: 40 tokens, k = 3, widths 3 + 3 + 2 (d = 8), rows by minimalRows.
  const allocate = () => getAllocator('scattered').allocate({ numTokens: 40, numTables: 3, dim: 8, seed: 3 });

  it('embeds a token as the concatenation of its k table rows, built by hand', async () => {
    const allocation = await allocate();
    const layer = new KSubEmbedding({ allocation, seed: 5 });
    const ids = [
      [3, 39, 0],
      [17, 17, 8],
    ];
    const out = await layer.embed(tf.tensor2d(ids, [2, 3], 'int32')).array();
    const tables = await Promise.all(layer.trainableWeights.map((w) => w.read().array()));
    ids.flat().forEach((t, p) => {
      const expected = tables.flatMap(
        (table, j) => (table as number[][])[allocation.codes[t * 3 + j] as number] as number[],
      );
      expect((out as number[][][])[Math.floor(p / 3)]?.[p % 3]).toEqual(expected);
    });
  });

  it('gives each table the summed gradients of the Full rows tied to it', async () => {
    const allocation = await allocate();
    const ksub = new KSubEmbedding({ allocation, seed: 5 });
    const ids = tf.tensor2d(
      [
        [3, 39, 0, 3],
        [17, 17, 8, 22],
      ],
      [2, 4],
      'int32',
    );
    // The same model twice: a tied decoder over the embedded tokens, squared logits as the loss.
    const loss = (emb: { embed(i: tf.Tensor): tf.Tensor; outputWeight(): tf.Tensor }) => () => {
      const h = tf.reshape(emb.embed(ids), [8, 8]);
      return tf.sum(tf.square(matMul(h, emb.outputWeight(), false, true))) as tf.Scalar;
    };
    const full = new FullEmbedding({ vocabSize: 40, dim: 8 });
    full.embed(ids);
    full.setWeights([ksub.outputWeight()]);
    const fullGrad = (await (
      tf.variableGrads(loss(full)).grads[full.trainableWeights[0]?.name ?? ''] as tf.Tensor
    ).array()) as number[][];
    const grads = tf.variableGrads(loss(ksub)).grads;
    const offsets = [0, 3, 6] as const;
    for (let j = 0; j < 3; j++) {
      const got = (await (grads[ksub.trainableWeights[j]?.name ?? ''] as tf.Tensor).array()) as number[][];
      const width = allocation.widths[j] as number;
      const expected = Array.from({ length: allocation.rows[j] as number }, () =>
        new Array<number>(width).fill(0),
      );
      for (let t = 0; t < 40; t++) {
        const row = expected[allocation.codes[t * 3 + j] as number] as number[];
        for (let c = 0; c < width; c++)
          row[c] = (row[c] as number) + ((fullGrad[t] as number[])[(offsets[j] as number) + c] as number);
      }
      got.forEach((row, r) =>
        row.forEach((v, c) => expect(v).toBeCloseTo((expected[r] as number[])[c] as number, 4)),
      );
    }
  });

  it('gives tied-decoder logits h · Eᵀ with E the reconstructed N × d matrix', async () => {
    const allocation = await allocate();
    const layer = new KSubEmbedding({ allocation, seed: 9 });
    const h = tf.randomNormal([5, 8], 0, 1, 'float32', 2);
    const logits = (await matMul(h, layer.outputWeight(), false, true).array()) as number[][];
    const e = (await layer.outputWeight().array()) as number[][];
    const hv = (await h.array()) as number[][];
    hv.forEach((row, i) =>
      e.forEach((token, t) =>
        expect((logits[i] as number[])[t]).toBeCloseTo(
          row.reduce((s, v, c) => s + v * (token[c] as number), 0),
          4,
        ),
      ),
    );
  });

  it('initialises every entry as normal(0, 0.02)', async () => {
    const allocation = await getAllocator('radix').allocate({ numTokens: 5000, numTables: 2, dim: 512 });
    const values = await flat(new KSubEmbedding({ allocation, seed: 1 }).outputWeight());
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    // 2.56M entries drawn from 2 × 71 × 256 = 36k distinct normal values: mean and sd within sampling error.
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(sd).toBeGreaterThan(0.018);
    expect(sd).toBeLessThan(0.022);
  });

  it('rejects an invalid allocation, naming the field', () => {
    expect(() => new KSubEmbedding({ allocation: undefined as never })).toThrow(/allocation is required/);
    expect(
      () =>
        new KSubEmbedding({
          allocation: {
            numTokens: 2,
            numTables: 1,
            rows: [2],
            widths: [4],
            codes: Int32Array.of(0, 5),
            method: 'x',
          },
        }),
    ).toThrow(/KSubEmbedding/);
    const allocation = {
      numTokens: 2,
      numTables: 2,
      rows: [2, 1],
      widths: [3, 2],
      codes: Int32Array.of(0, 0, 1, 0),
      method: 'x',
    };
    expect(() => new KSubEmbedding({ allocation, dim: 6 })).toThrow(
      /KSubEmbedding: allocation widths \(3 \+ 2 = 5\) must sum to dim; got dim 6/,
    );
    expect(new KSubEmbedding({ allocation, dim: 5 }).dim).toBe(5);
  });

  it('serializes its allocation as its allocation file (the encoding of a saved allocation.ksub)', async () => {
    const allocation = await allocate();
    const config = new KSubEmbedding({ allocation, seed: 5 }).getConfig();
    const serialized = config['allocation'];
    expect(typeof serialized).toBe('string');
    const bytes = Buffer.from(serialized as string, 'base64');
    expect(bytes.equals(Buffer.from(encodeAllocation(allocation)))).toBe(true);
    expect(decodeAllocation(bytes)).toEqual(allocation);
    const rebuilt = new KSubEmbedding({ allocation: serialized as string });
    expect(rebuilt.allocation).toEqual(allocation);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] as number) ^ 1; // flip a bit of the last code
    expect(() => new KSubEmbedding({ allocation: bytes.toString('base64') })).toThrow(
      'loadAllocation: KSubEmbedding config: checksum mismatch: the file is corrupt',
    );
  });
});
