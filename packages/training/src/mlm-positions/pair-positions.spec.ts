import { FormatError } from '@ksub/core';
import type { MlmPositions } from './mlm-positions';
import { pairPositions } from './pair-positions';

const base: MlmPositions = {
  sequence: Int32Array.of(0, 0, 1),
  position: Int32Array.of(1, 4, 2),
  token: Int32Array.of(7, 9, 11),
  loss: Float64Array.of(2, 3, 4),
  correct: Uint8Array.of(1, 0, 0),
  unigramLoss: Float64Array.of(5, 5, 5),
  source: 'full.csv',
};
const other = (change: Partial<MlmPositions>): MlmPositions => ({ ...base, source: 'ksub.csv', ...change });

describe('pairPositions', () => {
  it('pairs the same triples and gives a − b per position (hand-derived)', () => {
    const pairs = pairPositions(
      base,
      other({ loss: Float64Array.of(2.5, 1, 4), correct: Uint8Array.of(0, 1, 0) }),
    );
    expect(pairs.count).toBe(3);
    expect(Array.from(pairs.lossDifference)).toEqual([-0.5, 2, 0]);
    expect(Array.from(pairs.correctDifference)).toEqual([1, -1, 0]);
  });

  it.each([
    [
      'sequence',
      { sequence: Int32Array.of(0, 0, 2) },
      2,
      '(sequence 1, position 2, token 11) vs (sequence 2, position 2, token 11)',
    ],
    [
      'position',
      { position: Int32Array.of(1, 5, 2) },
      1,
      '(sequence 0, position 4, token 9) vs (sequence 0, position 5, token 9)',
    ],
    [
      'token',
      { token: Int32Array.of(8, 9, 11) },
      0,
      '(sequence 0, position 1, token 7) vs (sequence 0, position 1, token 8)',
    ],
  ])('names the first row whose %s differs, and both triples', (_name, change, row, triples) => {
    expect(() => pairPositions(base, other(change))).toThrow(
      new FormatError(
        `pairPositions: full.csv and ksub.csv differ at row ${row} (line ${row + 2}): ${triples}; they were not scored on the same validation positions`,
      ),
    );
  });

  it('names the first unpaired row when one covers more positions', () => {
    const shorter = other({
      sequence: base.sequence.slice(0, 2),
      position: base.position.slice(0, 2),
      token: base.token.slice(0, 2),
    });
    expect(() => pairPositions(shorter, base)).toThrow(
      "pairPositions: ksub.csv has 2 positions, full.csv 3: the first unpaired is full.csv's row 2 (line 4) (sequence 1, position 2, token 11)",
    );
  });

  it("calls in-memory scores 'a' and 'b'", () => {
    const { source: _s, ...plain } = base;
    expect(() => pairPositions(plain, { ...plain, token: Int32Array.of(7, 9, 12) })).toThrow(
      'pairPositions: a and b differ at row 2',
    );
  });
});
