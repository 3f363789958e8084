import { Rng } from '@ksub/core';

/** Mixes a run seed with a counter into a 31-bit seed (splitmix32 finaliser). */
export function mixSeed(seed: number, counter: number): number {
  let z = (seed ^ Math.imul(counter + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 1;
}

/**
 * Which training sequence each sample of a run reads: epoch e is a seeded permutation of the
 * split, sample g (0-based over the run) is sequence perm_e[g mod n] with e = ⌊g / n⌋. A function
 * of (seed, g) only, so a resumed run needs nothing but its step to continue the same order.
 */
export class DataOrder {
  private epoch = -1;
  private perm: Int32Array = new Int32Array(0);

  constructor(
    private readonly seed: number,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`DataOrder: size must be a positive integer; got ${size}`);
  }

  /** The sequence index of sample g, and its epoch. */
  at(sample: number): { epoch: number; index: number } {
    const epoch = Math.floor(sample / this.size);
    if (epoch !== this.epoch) {
      this.perm = Rng.fromSeed(mixSeed(this.seed, epoch)).permutation(this.size);
      this.epoch = epoch;
    }
    return { epoch, index: this.perm[sample - epoch * this.size] as number };
  }
}
