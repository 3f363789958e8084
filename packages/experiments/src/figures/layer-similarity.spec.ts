import { Rng } from '@ksub/core';
import { interIntraSimilarity } from './layer-similarity';

describe('interIntraSimilarity', () => {
  it('is 0 between orthogonal types and 1 within a type whose occurrences agree (hand-derived)', () => {
    // types 7 and 9 along e1 and e2, each occurring three times
    const ids = Int32Array.from([7, 9, 7, 9, 7, 9]);
    const states = Float32Array.from([1, 0, 0, 2, 3, 0, 0, 1, 0.5, 0, 0, 4]);
    const s = interIntraSimilarity(states, 2, ids, { interPairs: 500, seed: 3 });
    expect(s.inter).toBeCloseTo(0, 10);
    expect(s.intra).toBeCloseTo(1, 10);
    expect(s.repeatedTypes).toBe(2);
  });

  it('is 1 and 1 when every state points the same way (a narrow cone at its limit)', () => {
    const ids = Int32Array.from([1, 2, 3, 1]);
    const states = Float32Array.from([1, 1, 2, 2, 3, 3, 0.1, 0.1]);
    const s = interIntraSimilarity(states, 2, ids, { interPairs: 100 });
    expect(s.inter).toBeCloseTo(1, 6);
    expect(s.intra).toBeCloseTo(1, 6);
    expect(s.repeatedTypes).toBe(1);
  });

  it('matches the exhaustive means of all pairs (reference) within sampling error', () => {
    const rng = Rng.fromSeed(11);
    const n = 60;
    const dim = 5;
    const ids = Int32Array.from({ length: n }, (_, i) => i % 4);
    const states = Float32Array.from({ length: n * dim }, () => rng.nextFloat() - 0.3);
    // the reference's cosine: the dot product of the two rows scaled to unit length (float64)
    const unit = Array.from({ length: n }, (_, i) => {
      const row = Array.from(states.subarray(i * dim, (i + 1) * dim));
      const length = Math.hypot(...row);
      return row.map((v) => v / length);
    });
    const cos = (a: number, b: number) => {
      const u = unit[b] as number[];
      return (unit[a] as number[]).reduce((sum, v, c) => sum + v * (u[c] as number), 0);
    };
    let inter = 0;
    let interCount = 0;
    const intraByType = [0, 0, 0, 0];
    const intraCount = [0, 0, 0, 0];
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        if (ids[a] !== ids[b]) {
          inter += cos(a, b);
          interCount++;
        } else {
          const t = ids[a] as number;
          intraByType[t] = (intraByType[t] as number) + cos(a, b);
          intraCount[t] = (intraCount[t] as number) + 1;
        }
      }
    const intra = intraByType.reduce((s, v, t) => s + v / (intraCount[t] as number), 0) / 4;
    const s = interIntraSimilarity(states, dim, ids, {
      interPairs: 200_000,
      intraPairsPerType: 20_000,
      seed: 5,
    });
    expect(s.inter).toBeCloseTo(inter / interCount, 2);
    expect(s.intra).toBeCloseTo(intra, 2);
  });

  it('names bad input', () => {
    expect(() => interIntraSimilarity(new Float32Array(5), 2, Int32Array.from([1, 2]))).toThrow(
      /states must hold ids.length · dim = 4 values; got 5/,
    );
    expect(() => interIntraSimilarity(new Float32Array(4), 2, Int32Array.from([1, 1]))).toThrow(
      /at least two token types; got 1/,
    );
  });
});
