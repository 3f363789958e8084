import { Rng } from '@ksub/core';
import { stats } from '../simple-statistics';
import { applyStandardizer, fitStandardizer } from './standardize';

const { mean, standardDeviation } = stats;

describe('fitStandardizer / applyStandardizer', () => {
  it('runs its JSDoc example: a constant column keeps scale 1', () => {
    const s = fitStandardizer({ data: Float32Array.of(1, 5, 3, 5), rows: 2, cols: 2 });
    expect(Array.from(s.mean)).toEqual([2, 5]);
    expect(Array.from(s.scale)).toEqual([1, 1]);
  });

  it('gives train columns mean 0 and population deviation 1 (simple-statistics as the reference)', () => {
    const rng = Rng.fromSeed(3);
    const rows = 50;
    const cols = 4;
    const data = Float32Array.from(
      { length: rows * cols },
      (_, p) => 3 * (p % cols) + (p % cols) * rng.nextNormal(),
    );
    const x = { data, rows, cols };
    const s = fitStandardizer(x);
    const z = applyStandardizer(x, s);
    for (let j = 1; j < cols; j++) {
      const column = Array.from({ length: rows }, (_, i) => data[i * cols + j] as number);
      expect(s.mean[j]).toBeCloseTo(mean(column), 10);
      expect(s.scale[j]).toBeCloseTo(standardDeviation(column), 10);
      const zc = Array.from({ length: rows }, (_, i) => z.data[i * cols + j] as number);
      expect(mean(zc)).toBeCloseTo(0, 5); // float32 storage
      expect(standardDeviation(zc)).toBeCloseTo(1, 5);
    }
    expect(Array.from(s.scale.slice(0, 1))).toEqual([1]); // column 0 is constant 0 on train
    expect(z.data).not.toBe(data);
  });

  it("applies train's statistics to another split unchanged", () => {
    const s = fitStandardizer({ data: Float32Array.of(0, 2), rows: 2, cols: 1 }); // mean 1, scale 1
    const z = applyStandardizer({ data: Float32Array.of(5, 5, 5), rows: 3, cols: 1 }, s);
    expect(Array.from(z.data)).toEqual([4, 4, 4]); // not re-centred on the split's own mean
  });

  it('names a column mismatch', () => {
    const s = fitStandardizer({ data: Float32Array.of(0, 2), rows: 1, cols: 2 });
    expect(() => applyStandardizer({ data: new Float32Array(3), rows: 1, cols: 3 }, s)).toThrow(
      'applyStandardizer: x must have 2 columns (as fitted); got 3',
    );
  });
});
