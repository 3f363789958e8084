import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@ksub/core';
import { initBackend } from '../backend';
import { fusedAttention, type AttentionOptions } from './attention';
import pinned from './attention-pinned.json';
import { flat } from './testing-close';

// Regression pins, not correctness claims (attention.spec.ts checks fusedAttention against the
// composite TF.js ops): every output of a few small seeded runs, bit for bit, so that refactors (#16
// replaced the positional parameters of packHeads/unpackHeads with a head layout and an options
// object; pack-heads.spec.ts pins those two by hand) provably change nothing.
// attention-pinned.json was recorded on commit 4cf25c6, before that refactor, and recorded again
// when #18 moved the masked softmax, dropout and their gradient into the SIMD kernel (a four-lane
// polynomial exp: values moved by at most 3.7e-5 × max(|value|, 1e-3), the dropout mask not at all),
// with the plain kernel (KSUB_SIMD_FMA=0, set below, so the bits do not depend on the CPU's FMA), by
//   KSUB_RECORD_PINS=1 npx jest -c packages/tensor/jest.config.cjs --runInBand attention-pinned
//   npx prettier --write packages/tensor/src/primitives/attention-pinned.json
// (the first writes the file instead of comparing). Float32 values survive JSON exactly (every float32
// is a double, printed shortest-round-trip), so `toEqual` compares bits. The products here are far
// below the 2¹⁶ multiply-adds at which the SIMD kernel starts its worker threads, so the bits do not
// depend on the machine's thread count either.

const savedFma = process.env['KSUB_SIMD_FMA'];

beforeAll(async () => {
  process.env['KSUB_SIMD_FMA'] = '0'; // read when the first product creates the kernel
  await initBackend({ backend: 'wasm', log: null });
});

afterAll(() => {
  if (savedFma === undefined) delete process.env['KSUB_SIMD_FMA'];
  else process.env['KSUB_SIMD_FMA'] = savedFma;
});

/** A pinned run: the attention output and the gradient of Σ output ⊙ W for a seeded W. */
interface Pin {
  readonly value: number[];
  readonly grad: number[];
}

/** A seeded qkv [B·S, 3d] and loss weight [B·S, d], standard normal, as float32. */
function seeded(rows: number, d: number, seed: number): { qkv: tf.Tensor2D; weight: tf.Tensor2D } {
  const rng = Rng.fromSeed(seed);
  const draw = (n: number) => Float32Array.from({ length: n }, () => rng.nextNormal());
  return {
    qkv: tf.tensor2d(draw(rows * 3 * d), [rows, 3 * d]),
    weight: tf.tensor2d(draw(rows * d), [rows, d]),
  };
}

/** Name, hidden size d, seed of qkv and W, options. */
const cases: ReadonlyArray<readonly [string, number, number, AttentionOptions]> = [
  [
    'batch 2 × seq 5, 2 heads of 3, padding',
    6,
    1,
    { batchSize: 2, seqLength: 5, heads: 2, mask: Int32Array.of(1, 1, 1, 1, 1, 1, 1, 1, 0, 0) },
  ],
  [
    'batch 2 × seq 5, 2 heads of 3, padding, dropout 0.3 seed 11',
    6,
    2,
    {
      batchSize: 2,
      seqLength: 5,
      heads: 2,
      mask: Int32Array.of(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
      dropout: 0.3,
      seed: 11,
    },
  ],
  [
    'batch 2 × seq 4, 3 heads of 2, second row all padding',
    6,
    3,
    { batchSize: 2, seqLength: 4, heads: 3, mask: Int32Array.of(1, 1, 1, 0, 0, 0, 0, 0) },
  ],
];

async function run(d: number, options: AttentionOptions, seed: number): Promise<Pin> {
  const { qkv, weight } = seeded(options.batchSize * options.seqLength, d, seed);
  const loss = (x: tf.Tensor) => tf.sum(tf.mul(fusedAttention(x as tf.Tensor2D, options), weight));
  return { value: await flat(fusedAttention(qkv, options)), grad: await flat(tf.grad(loss)(qkv)) };
}

const recording = process.env['KSUB_RECORD_PINS'] === '1';
const recorded: Record<string, Pin> = {};

afterAll(() => {
  if (recording)
    writeFileSync(join(__dirname, 'attention-pinned.json'), `${JSON.stringify(recorded, null, 2)}\n`);
});

describe('fusedAttention pinned outputs', () => {
  it.each(cases)('%s: value and gradient, bit for bit', async (name, d, seed, options) => {
    const got = await run(d, options, seed);
    if (recording) recorded[name] = got;
    else expect(got).toEqual((pinned as Record<string, Pin>)[name]);
  });
});
