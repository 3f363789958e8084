import { packHeads, unpackHeads, type HeadLayout } from './pack-heads';

/** 0, 1, 2, …: a packed value names the source index it came from. */
const iota = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => i);

describe('packHeads and unpackHeads', () => {
  // batch 2 × seq 2, 2 heads of 2 (d 4), rows of width 3d = 12; offset d selects the k columns.
  // Row r = b·S + i holds k of head h at 12r + 4 + 2h + t, so block (b, h) collects, for i = 0, 1,
  // the pair 12(2b + i) + 4 + 2h + (0, 1).
  const layout: HeadLayout = { batch: 2, seq: 2, heads: 2, headDim: 2 };
  const kCols = { rowWidth: 12, offset: 4 };
  const packed = [4, 5, 16, 17, 6, 7, 18, 19, 28, 29, 40, 41, 30, 31, 42, 43];
  const packedTransposed = [4, 16, 5, 17, 6, 18, 7, 19, 28, 40, 29, 41, 30, 42, 31, 43];

  it('packs head blocks [b·H + h][i][t], transposed [b·H + h][t][i], scaled', () => {
    const out = new Float32Array(16);
    packHeads(iota(48), out, layout, kCols);
    expect(Array.from(out)).toEqual(packed);
    packHeads(iota(48), out, layout, { ...kCols, transposed: true });
    expect(Array.from(out)).toEqual(packedTransposed);
    packHeads(iota(48), out, layout, { ...kCols, scale: 0.5 });
    expect(Array.from(out)).toEqual(packed.map((x) => x / 2));
  });

  it('unpacks blocks into their rows at the offset, scaled, leaving the other columns alone', () => {
    // block (b, h) row i, element t goes to row 2b + i, column 4 + 2h + t
    const rows = [
      [-1, -1, -1, -1, 0, 1, 4, 5, -1, -1, -1, -1],
      [-1, -1, -1, -1, 2, 3, 6, 7, -1, -1, -1, -1],
      [-1, -1, -1, -1, 8, 9, 12, 13, -1, -1, -1, -1],
      [-1, -1, -1, -1, 10, 11, 14, 15, -1, -1, -1, -1],
    ].flat();
    const out = new Float32Array(48).fill(-1);
    unpackHeads(iota(16), out, layout, kCols);
    expect(Array.from(out)).toEqual(rows);
    unpackHeads(iota(16), out, layout, { ...kCols, scale: 2 });
    expect(Array.from(out)).toEqual(rows.map((x) => (x === -1 ? x : 2 * x)));
    const back = new Float32Array(48).fill(-1);
    unpackHeads(Float32Array.from(packed), back, layout, kCols);
    expect(Array.from(back)).toEqual(Array.from(iota(48), (x, i) => (i % 12 >= 4 && i % 12 < 8 ? x : -1)));
  });
});
