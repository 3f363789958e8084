import { Rng } from '@ksub/core';
import { collateMlm, type MlmOptions } from './collate-mlm';

// Toy vocabulary: 0 <s>, 1 <pad>, 2 </s>, 3 <unk>, 4..99 ordinary, 100 <mask>.
const isSpecial = (id: number) => id <= 3 || id === 100;
const base = (seed: number): MlmOptions => ({
  specialIds: { mask: 100, pad: 1 },
  isSpecial,
  vocabSize: 101,
  rng: Rng.fromSeed(seed),
});
const row = (n: number, offset = 0) =>
  Int32Array.from([0, ...Array.from({ length: n }, (_, i) => 4 + ((i + offset) % 96)), 2]);

describe('collateMlm', () => {
  it('pads rows and marks real tokens in the attention mask', () => {
    const batch = collateMlm([row(3), row(1)], base(1));
    expect([batch.batchSize, batch.seqLength]).toEqual([2, 5]);
    expect(Array.from(batch.attentionMask)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(Array.from(batch.inputIds.subarray(5))).toEqual([0, expect.any(Number), 2, 1, 1]);
  });

  it('selects ⌊0.15·n + u⌋ non-special tokens per row and keeps the originals as labels', () => {
    const rows = Array.from({ length: 64 }, (_, i) => row(20 + i, i));
    const batch = collateMlm(rows, base(2));
    const perRow = new Map<number, number>();
    for (let i = 0; i < batch.maskedPositions.length; i++) {
      const at = batch.maskedPositions[i] as number;
      const b = Math.floor(at / batch.seqLength);
      const t = at % batch.seqLength;
      const original = rows[b]?.[t] as number;
      expect(isSpecial(original)).toBe(false);
      expect(batch.labels[i]).toBe(original);
      perRow.set(b, (perRow.get(b) ?? 0) + 1);
    }
    rows.forEach((r, b) => {
      const n = r.length - 2;
      expect([Math.floor(0.15 * n), Math.ceil(0.15 * n)]).toContain(perRow.get(b) ?? 0);
    });
    expect(Array.from(batch.maskedPositions)).toEqual([...batch.maskedPositions].sort((a, b) => a - b));
  });

  it('replaces 80% with <mask>, 10% with a random ordinary token, leaves 10%', () => {
    const rows = Array.from({ length: 400 }, (_, i) => row(100, i));
    const batch = collateMlm(rows, base(3));
    let masked = 0;
    let replaced = 0;
    let kept = 0;
    batch.maskedPositions.forEach((at, i) => {
      const now = batch.inputIds[at] as number;
      if (now === 100) masked++;
      else if (now === batch.labels[i]) kept++;
      else {
        replaced++;
        expect(isSpecial(now)).toBe(false);
      }
    });
    const n = batch.maskedPositions.length; // 400 · 15 = 6000
    expect(n).toBe(6000);
    // binomial standard deviations: sqrt(n·0.8·0.2) ≈ 31, sqrt(n·0.1·0.9) ≈ 23; allow 5 sd
    // (a random replacement equal to the original, p = 1/96 of 10%, counts as kept)
    expect(Math.abs(masked - 0.8 * n)).toBeLessThan(5 * 31);
    expect(Math.abs(replaced - 0.1 * n * (95 / 96))).toBeLessThan(5 * 23);
    expect(Math.abs(kept - 0.1 * n * (1 + 1 / 96))).toBeLessThan(5 * 23);
  });

  it('is reproducible from the seed and differs across seeds', () => {
    const rows = [row(50), row(40)];
    const a = collateMlm(rows, base(7));
    const b = collateMlm(rows, base(7));
    const c = collateMlm(rows, base(8));
    expect(Array.from(a.inputIds)).toEqual(Array.from(b.inputIds));
    expect(Array.from(a.maskedPositions)).not.toEqual(Array.from(c.maskedPositions));
  });

  it('rejects bad input, naming it', () => {
    expect(() => collateMlm([], base(1))).toThrow(
      new RangeError('collateMlm: sequences must be a non-empty array; got []'),
    );
    expect(() => collateMlm([row(2)], { ...base(1), maskProbability: 0 })).toThrow(
      'collateMlm: maskProbability must be in (0, 1); got 0',
    );
    expect(() => collateMlm([row(5)], { ...base(1), padTo: 4 })).toThrow(
      'collateMlm: a sequence of 7 tokens does not fit padTo = 4',
    );
  });
});
