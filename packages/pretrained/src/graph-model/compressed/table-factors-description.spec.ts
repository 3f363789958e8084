import { alignTo4, factorArrayLayout } from './table-factors-description';

describe('factorArrayLayout', () => {
  it('lists a, b and the optional bias of low-rank factors', () => {
    expect(factorArrayLayout({ kind: 'low-rank', rows: 4, cols: 3, rank: 2, bias: true })).toEqual([
      { name: 'a', dtype: 'float32', shape: [4, 2] },
      { name: 'b', dtype: 'float32', shape: [2, 3] },
      { name: 'bias', dtype: 'float32', shape: [3] },
    ]);
  });

  it('lists each sub-table, then the codes in their dtype', () => {
    expect(
      factorArrayLayout({ kind: 'sub-tables', rows: 5, widths: [2, 1], sizes: [3, 300], codes: 'uint16' }),
    ).toEqual([
      { name: 'tables[0]', dtype: 'float32', shape: [3, 2] },
      { name: 'tables[1]', dtype: 'float32', shape: [300, 1] },
      { name: 'codes', dtype: 'uint16', shape: [5, 2] },
    ]);
  });
});

describe('alignTo4', () => {
  it('rounds up to a multiple of 4', () => {
    expect([0, 1, 4, 5, 13].map(alignTo4)).toEqual([0, 4, 4, 8, 16]);
  });
});
