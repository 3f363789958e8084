import { initializers } from '@tensorflow/tfjs-layers';

/** normal(0, stddev), seeded when `seed` is given — RoBERTa's initialisation at stddev 0.02. */
export function normalInitializer(
  stddev: number,
  seed?: number,
): ReturnType<typeof initializers.randomNormal> {
  return initializers.randomNormal({ mean: 0, stddev, ...(seed === undefined ? {} : { seed }) });
}
