import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { decodeAllocation, encodeAllocation, getAllocator } from '@ksub/index-mapping';
import { initBackend, matMul } from '@ksub/tensor';
import { FullEmbedding } from './full-embedding';
import { KSubEmbedding } from './ksub-embedding';
import '../register';

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

  it('serializes its allocation as lowercase hex of its allocation file (the encoding of a saved allocation.ksub)', async () => {
    const allocation = await allocate();
    const config = new KSubEmbedding({ allocation, seed: 5 }).getConfig();
    const serialized = config['allocation'];
    expect(typeof serialized).toBe('string');
    // digits and a–f only: what tfjs-layers' snake_case / camelCase conversions of a saved model leave alone
    expect(serialized).toMatch(/^[0-9a-f]+$/);
    const bytes = Buffer.from(serialized as string, 'hex');
    expect(bytes.equals(Buffer.from(encodeAllocation(allocation)))).toBe(true);
    expect(decodeAllocation(bytes)).toEqual(allocation);
    const rebuilt = new KSubEmbedding({ allocation: serialized as string });
    expect(rebuilt.allocation).toEqual(allocation);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] as number) ^ 1; // flip a bit of the last code
    expect(() => new KSubEmbedding({ allocation: bytes.toString('hex') })).toThrow(
      'loadAllocation: KSubEmbedding config: checksum mismatch: the file is corrupt',
    );
  });

  it('still reads the base64 config of earlier versions (the same allocation file), checksum verified', async () => {
    const allocation = await allocate();
    const bytes = Buffer.from(encodeAllocation(allocation));
    const old = bytes.toString('base64');
    expect(old.startsWith('S1NV')).toBe(true);
    expect(new KSubEmbedding({ allocation: old }).allocation).toEqual(allocation);
    expect(new KSubEmbedding({ allocation: old.replace(/=+$/, '') }).allocation).toEqual(allocation);
    const layer = new KSubEmbedding({ allocation: old, seed: 5 });
    expect(layer.getConfig()['allocation']).toBe(bytes.toString('hex')); // written back as hex
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] as number) ^ 1;
    expect(() => new KSubEmbedding({ allocation: bytes.toString('base64') })).toThrow(
      'loadAllocation: KSubEmbedding config: checksum mismatch: the file is corrupt',
    );
  });

  it('rejects a config string that is neither, naming what it expected', () => {
    expect(() => new KSubEmbedding({ allocation: 'hello' })).toThrow(
      'loadAllocation: KSubEmbedding config: not an allocation (expected hex starting "4b535542414c4c43" or base64 starting "S1NV"); got "hello"',
    );
    expect(() => new KSubEmbedding({ allocation: '4b535542414c4c43z0' })).toThrow(
      'loadAllocation: KSubEmbedding config: not hex: "z" at character 16',
    );
    expect(() => new KSubEmbedding({ allocation: 'S1NV!kFM' })).toThrow(
      'loadAllocation: KSubEmbedding config: not base64: "!" at character 4',
    );
  });

  // Issue #20: the allocation (radix, N = 50,265, k = 3: 37 rows a table) in a functional
  // model, through model.save and tf.loadLayersModel. The base64 config came back snake_cased and
  // camelCased — before the fix this threw "loadAllocation: KSubEmbedding config: not an allocation
  // file (magic …)" (and, with the config format before that, "allocation.codes for token 0,
  // table 0 must be in [0, 37); got 17717428…", as the issue reports).
  const saveAndLoad = async (layer: KSubEmbedding, ids: tf.Tensor) => {
    const inputs = tfl.input({ shape: [ids.shape[1] as number], dtype: 'int32' });
    const embedded = layer.apply(inputs) as tfl.SymbolicTensor;
    const outputs = tfl.layers
      .dense({ units: 2 })
      .apply(tfl.layers.flatten().apply(embedded)) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs, outputs });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(saved) };
      }),
    );
    const saved = artifacts as tf.io.ModelArtifacts;
    const modelTopology = JSON.parse(
      JSON.stringify(saved.modelTopology),
    ) as tf.io.ModelArtifacts['modelTopology'];
    return { model, load: () => tfl.loadLayersModel(tf.io.fromMemory({ ...saved, modelTopology })) };
  };

  it('survives model.save → tf.loadLayersModel with the allocation of issue #20 (37 rows a table)', async () => {
    const allocation = await getAllocator('radix').allocate({ numTokens: 50265, numTables: 3, dim: 6 });
    expect(allocation.rows).toEqual([37, 37, 37]);
    const layer = new KSubEmbedding({ allocation, seed: 1 });
    const ids = tf.tensor2d(
      [
        [0, 50264, 31414],
        [2, 2, 17],
      ],
      [2, 3],
      'int32',
    );
    const { model, load } = await saveAndLoad(layer, ids);
    const loaded = await load();
    const copy = loaded.getLayer(layer.name) as KSubEmbedding;
    expect(copy).toBeInstanceOf(KSubEmbedding);
    expect(copy.allocation).toEqual(allocation);
    expect(copy.getConfig()).toEqual(layer.getConfig());
    expect(await flat(loaded.predict(ids) as tf.Tensor)).toEqual(await flat(model.predict(ids) as tf.Tensor));
    model.dispose();
    loaded.dispose();
  });

  it('explains why a model saved with the earlier base64 config cannot be loaded', async () => {
    const allocation = await allocate();
    const layer = new KSubEmbedding({ allocation, seed: 1 });
    // what getConfig wrote before the fix
    const base64 = Buffer.from(encodeAllocation(allocation)).toString('base64');
    const spy = jest.spyOn(KSubEmbedding.prototype, 'getConfig').mockImplementation(function (
      this: KSubEmbedding,
    ) {
      return { name: this.name, trainable: true, dtype: 'float32', initStddev: 0.02, allocation: base64 };
    });
    const ids = tf.tensor2d([[0, 39, 3]], [1, 3], 'int32');
    let saved: Awaited<ReturnType<typeof saveAndLoad>>;
    try {
      saved = await saveAndLoad(layer, ids);
    } finally {
      spy.mockRestore();
    }
    await expect(saved.load()).rejects.toThrow(
      'loadAllocation: KSubEmbedding config: a base64 allocation lower-cased by a TF.js model save',
    );
    saved.model.dispose();
  });
});
