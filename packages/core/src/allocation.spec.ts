import { type Allocation, allocationDim, validateAllocation } from './allocation';

const valid: Allocation = {
  numTokens: 3,
  numTables: 2,
  rows: [2, 2],
  widths: [3, 2],
  codes: Int32Array.of(0, 0, 1, 0, 0, 1),
  method: 'manual',
};

describe('validateAllocation', () => {
  it('accepts a consistent allocation and reports its dimension', () => {
    expect(validateAllocation(valid)).toBe(valid);
    expect(allocationDim(valid)).toBe(5);
  });

  it('names the token and table of an out-of-range code', () => {
    const bad = { ...valid, codes: Int32Array.of(0, 0, 1, 2, 0, 1) };
    expect(() => validateAllocation(bad, 'f')).toThrow(
      new RangeError('f: allocation.codes for token 1, table 1 must be in [0, 2); got 2'),
    );
  });

  it('rejects a negative code', () => {
    expect(() => validateAllocation({ ...valid, codes: Int32Array.of(-1, 0, 1, 0, 0, 1) })).toThrow(
      'allocation.codes for token 0, table 0 must be in [0, 2); got -1',
    );
  });

  it('rejects codes of the wrong length and type', () => {
    expect(() => validateAllocation({ ...valid, codes: Int32Array.of(0, 0) })).toThrow(
      'allocation.codes must hold numTokens·numTables = 6 entries; got 2',
    );
    expect(() =>
      validateAllocation({ ...valid, codes: [0, 0, 1, 0, 0, 1] as unknown as Int32Array }),
    ).toThrow(TypeError);
  });

  it('rejects rows and widths that do not match k', () => {
    expect(() => validateAllocation({ ...valid, rows: [2] })).toThrow(
      'allocation.rows must be an array of 2 row counts; got [2]',
    );
    expect(() => validateAllocation({ ...valid, widths: [3, 0] })).toThrow(
      'allocation.widths[1] must be an integer >= 1; got 0',
    );
  });
});
