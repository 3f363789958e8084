import * as tf from '@tensorflow/tfjs-core';
import { initializers, type Shape } from '@tensorflow/tfjs-layers';
import { fillNormal } from '@ksub/core';

type Initializer = ReturnType<typeof initializers.randomNormal>;

/**
 * normal(0, stddev) — RoBERTa's initialisation at stddev 0.02 — seeded when `seed` is given (else
 * a random seed). The values come from `@ksub/core`'s `fillNormal` rather than `tf.randomNormal`,
 * whose seedrandom loops look up `Math` globals and so run ~10× slower inside Jest's vm context
 * (a 25.7M-value RoBERTa-medium table: 15 s). (tfjs-layers exports no `Initializer` base class to
 * extend, so this is its randomNormal initializer with `apply` replaced; its config still reads
 * randomNormal with the same stddev and seed.)
 */
export function normalInitializer(stddev: number, seed?: number): Initializer {
  const chosen = seed ?? Math.floor(Math.random() * 0xffff_ffff);
  const init = initializers.randomNormal({ mean: 0, stddev, seed: chosen });
  init.apply = (shape: Shape): tf.Tensor => {
    const size = shape.reduce((a: number, b: number | null) => a * (b ?? 1), 1);
    return tf.tensor(
      fillNormal(new Float32Array(size), 0, stddev, chosen >>> 0),
      shape as number[],
      'float32',
    );
  };
  return init;
}
