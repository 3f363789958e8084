import { describe, expect, it } from '@jest/globals';
import { useTempDir } from '../testing/temp-dir';
import { readModelOutputs, writeModelOutputs } from './model-outputs';
import { comparePairedOutputs } from './use-lite-compare';

const gold = {
  tasks: { t: { metric: 'accuracy' as const, labels: [0, 1, 1, 0, 1, 0, 1, 1] } },
  pairs: [1, 0, 1, 0, 1, 0],
};

describe('comparePairedOutputs', () => {
  it('gives Δ = 0 with a zero-width interval for identical outputs', () => {
    const a = {
      method: 'a',
      ratio: 5,
      sentenceCosines: [0.5, 0.6, 0.7],
      predictions: { t: [0, 1, 1, 0, 1, 0, 1, 1] },
      pairScores: [0.9, 0.1, 0.8, 0.2, 0.7, 0.3],
    };
    for (const m of comparePairedOutputs(a, { ...a, method: 'b' }, gold))
      expect(m.delta).toEqual({ estimate: 0, low: 0, high: 0 });
  });

  it('measures B − A: cosine means, accuracy difference over the same examples, AUC difference', () => {
    const a = {
      method: 'a',
      ratio: 5,
      sentenceCosines: [0.5, 0.5],
      predictions: { t: [0, 1, 1, 0, 1, 0, 1, 1] },
      pairScores: [0.9, 0.1, 0.8, 0.2, 0.7, 0.3],
    };
    // B gets two of eight wrong (accuracy 6/8 vs 8/8), cosines 0.1 lower, and ranks one negative above one positive
    const b = {
      method: 'b',
      ratio: 5,
      sentenceCosines: [0.4, 0.4],
      predictions: { t: [1, 1, 1, 1, 1, 0, 1, 1] },
      pairScores: [0.9, 0.75, 0.8, 0.2, 0.7, 0.3],
    };
    const byName = Object.fromEntries(
      comparePairedOutputs(a, b, gold).map((m) => [m.measure, m.delta.estimate]),
    );
    expect(byName['sentence cosine']).toBeCloseTo(-0.1, 12);
    expect(byName['t']).toBeCloseTo(-0.25, 12);
    // AUC A = 1; B: negative 0.75 beats positive 0.7 → 8/9
    expect(byName['paraphrase AUC']).toBeCloseTo(8 / 9 - 1, 12);
  });
});

describe('model outputs', () => {
  const tmp = useTempDir('outputs');
  it('round-trip through the study directory, values kept to 7 significant digits', async () => {
    await writeModelOutputs(tmp.path, {
      method: 'svd',
      ratio: 2.5,
      sentenceCosines: [1 / 3],
      predictions: { t: [1, 0] },
    });
    expect(await readModelOutputs(tmp.path, 'svd', 2.5)).toEqual({
      method: 'svd',
      ratio: 2.5,
      sentenceCosines: [0.3333333],
      predictions: { t: [1, 0] },
    });
    expect(await readModelOutputs(tmp.path, 'svd', 5)).toBeUndefined();
  });
});
