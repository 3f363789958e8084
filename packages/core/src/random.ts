import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { assert, assertInteger, describe } from './assert';

/** Largest seed accepted by {@link Rng.fromSeed}: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;

/**
 * A seeded, serialisable random stream: xoroshiro128+ from `pure-rand` (a maintained library,
 * not hand-written), with the handful of draws ksub needs. Every random choice in ksub takes a
 * seed or an `Rng`, so runs are reproducible; `state()` / `fromState()` let checkpoints resume
 * the exact stream.
 *
 * @example
 * ```ts
 * const rng = Rng.fromSeed(42);
 * const perm = rng.permutation(5); // a seeded shuffle of 0..4
 * ```
 */
export class Rng {
  private constructor(private readonly gen: JumpableRandomGenerator) {}

  /**
   * A stream from an unsigned 32-bit integer seed.
   * @throws RangeError when `seed` is not an integer in [0, 2^32 − 1]
   */
  static fromSeed(seed: number): Rng {
    assertInteger('Rng.fromSeed', 'seed', seed, { min: 0, max: MAX_SEED });
    return new Rng(xoroshiro128plus(seed | 0));
  }

  /**
   * Restores a stream saved with {@link Rng.state}.
   * @throws TypeError when `state` is not four 32-bit integers
   */
  static fromState(state: readonly number[]): Rng {
    assert(
      Array.isArray(state) && state.length === 4 && state.every((s) => Number.isInteger(s)),
      () => `Rng.fromState: state must be an array of 4 integers; got ${describe(state)}`,
      TypeError,
    );
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** The generator state, to store in a checkpoint. */
  state(): number[] {
    return [...this.gen.getState()];
  }

  /** An independent copy that continues the same sequence. */
  clone(): Rng {
    return new Rng(this.gen.clone());
  }

  /**
   * A new stream far ahead of this one (2^64 steps), for handing to a sub-task without the two
   * streams overlapping; this stream is advanced too, so repeated forks differ.
   */
  fork(): Rng {
    this.gen.jump();
    return new Rng(this.gen.clone());
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    return this.gen.next() >>> 0;
  }

  /** A uniform float in [0, 1), 53 random bits. */
  nextFloat(): number {
    return uniformFloat64(this.gen);
  }

  /**
   * A uniform integer in [0, n).
   * @throws RangeError when `n` is not a positive integer
   */
  nextInt(n: number): number {
    assertInteger('Rng.nextInt', 'n', n, { min: 1 });
    return uniformInt(this.gen, 0, n - 1);
  }

  /** A standard normal draw (Box–Muller; one of the pair is discarded so the state stays simple). */
  nextNormal(): number {
    let u = 0;
    while (u === 0) u = this.nextFloat();
    const v = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `values` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = uniformInt(this.gen, 0, i);
      const tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
    return values;
  }

  /**
   * A uniformly random permutation of 0..n−1.
   * @throws RangeError when `n` is not a non-negative integer
   */
  permutation(n: number): Int32Array {
    assertInteger('Rng.permutation', 'n', n, { min: 0, max: 0x7fff_ffff });
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }
}
