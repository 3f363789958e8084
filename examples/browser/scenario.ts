import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { KSubEmbedding } from '@ksub/embedding';
import { getAllocator } from '@ksub/index-mapping';

/** What the scenario needs from its runtime: TF.js, and where a model is saved and loaded from. */
export interface ScenarioRuntime {
  readonly tf: typeof TfCore;
  readonly tfl: typeof TfLayers;
  /** Saves `model` and loads it back (the browser: IndexedDB; Node: memory). */
  readonly roundTrip: (model: TfLayers.LayersModel) => Promise<TfLayers.LayersModel>;
}

/** What the scenario measured; the checker compares it with hand-derived values and with Node. */
export interface ScenarioResult {
  readonly backend: string;
  readonly tokens: readonly number[];
  /** The allocation's codes of `tokens` (k per token). */
  readonly codes: readonly (readonly number[])[];
  readonly rows: readonly number[];
  readonly paramCount: number;
  readonly predictBefore: readonly number[];
  readonly lossBefore: number;
  readonly lossAfter: number;
  readonly predictAfter: readonly number[];
  readonly predictReloaded: readonly number[];
  readonly reloadedHasKSub: boolean;
}

export const VOCAB = 1000;
export const TABLES = 3;
export const DIM = 48;
const SEQ = 8;
const BATCH = 16;

/**
 * A radix allocation, a functional model with a `KSubEmbedding` (ids → embedding → flatten →
 * softmax), a forward pass, one training step, and a save / load round trip, on the cpu backend.
 */
export async function runScenario({ tf, tfl, roundTrip }: ScenarioRuntime): Promise<ScenarioResult> {
  await tf.setBackend('cpu');
  await tf.ready();
  const allocation = await getAllocator('radix').allocate({ numTokens: VOCAB, numTables: TABLES, dim: DIM });
  const tokens = [0, 7, 123, 999];
  const codes = tokens.map((t) => Array.from(allocation.codes.subarray(t * TABLES, (t + 1) * TABLES)));
  const embedding = new KSubEmbedding({ allocation, seed: 1 });

  const ids = tfl.input({ shape: [SEQ], dtype: 'int32' });
  const embedded = embedding.apply(ids) as TfLayers.SymbolicTensor;
  const flat = tfl.layers.flatten().apply(embedded) as TfLayers.SymbolicTensor;
  const head = tfl.layers.dense({
    units: 2,
    activation: 'softmax',
    kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
  });
  const model = tfl.model({ inputs: ids, outputs: head.apply(flat) as TfLayers.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });

  // Fixed ids and labels, the same in every runtime (no random generator involved).
  const idValues = Int32Array.from({ length: BATCH * SEQ }, (_, i) => (i * 7919 + 13) % VOCAB);
  const batch = tf.tensor2d(idValues, [BATCH, SEQ], 'int32');
  const labels = tf.tensor2d(
    Float32Array.from({ length: BATCH }, (_, i) => ((i * 5) % 3 === 0 ? 1 : 0)),
    [BATCH, 1],
  );
  const lossOf = async (): Promise<number> => {
    const loss = model.evaluate(batch, labels, { batchSize: BATCH }) as TfCore.Scalar;
    return (await loss.data())[0] as number;
  };
  const predict = async (m: TfLayers.LayersModel): Promise<number[]> =>
    Array.from(await (m.predict(batch) as TfCore.Tensor).data());

  const predictBefore = await predict(model);
  const lossBefore = await lossOf();
  await model.fit(batch, labels, { epochs: 1, batchSize: BATCH, verbose: 0, shuffle: false });
  const lossAfter = await lossOf();
  const predictAfter = await predict(model);
  const loaded = await roundTrip(model);
  const predictReloaded = await predict(loaded);
  return {
    backend: tf.getBackend(),
    tokens,
    codes,
    rows: [...allocation.rows],
    paramCount: embedding.paramCount(),
    predictBefore,
    lossBefore,
    lossAfter,
    predictAfter,
    predictReloaded,
    reloadedHasKSub: loaded.layers.some((l) => l instanceof KSubEmbedding),
  };
}
