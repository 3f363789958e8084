import type { MlmPositions } from '@ksub/training';
import { allocationCount } from './embedding-count';
import { averageDelta, formatDelta } from './language-deltas';
import { mlmLossDifference, renderMlmEvidence, summariseMlm } from './render-mlm';
import { comparePaired, formatPValue, majorityVote } from './compare';
import type { ModelRuns } from './model-runs';
import { renderTaskEvidence, scoreOf } from './render-evidence';

/** Runs of a model on 20 test examples (gold alternates 0/1), one prediction list per seed. */
const runs = (model: string, predictions: number[][]): ModelRuns => {
  const gold = Array.from({ length: 20 }, (_, i) => i % 2);
  return {
    model,
    task: 't',
    metric: 'accuracy',
    test: predictions.map((p) => p.filter((y, i) => y === gold[i]).length / gold.length),
    predictions,
    gold,
    examples: 'f'.repeat(64),
  };
};
const gold = Array.from({ length: 20 }, (_, i) => i % 2);
/** gold with the first `wrong` examples flipped */
const flip = (wrong: number) => gold.map((y, i) => (i < wrong ? 1 - y : y));

describe('paired comparison of two models on the same test examples', () => {
  it('differences, McNemar and majority votes as derived by hand', () => {
    const full = runs('full', [flip(0), flip(0), flip(2)]); // 100%, 100%, 90%
    const ksub = runs('ksub', [flip(6), flip(6), flip(6)]); // 70% each
    // seed-averaged accuracy: full 96.67%, ksub 70%: Δ = −26.67 points
    const c = comparePaired(full, ksub);
    expect(c.delta.estimate).toBeCloseTo(0.7 - 29 / 30, 12);
    // majority votes: full right everywhere, ksub wrong on the first 6 → 6 discordant pairs, exact p = 2 · 0.5^6
    expect(majorityVote(full)).toEqual(gold);
    expect(c.mcnemar).toMatchObject({ onlyA: 6, onlyB: 0, method: 'exact' });
    expect(c.mcnemar.pValue).toBeCloseTo(2 / 64, 12);
    expect(c.real).toBe(true);
    expect(c.delta.high).toBeLessThan(0);
    // a model against itself: Δ exactly 0, and the interval [0, 0] does not exclude zero
    const self = comparePaired(full, runs('again', full.predictions as number[][]));
    expect(self).toMatchObject({ delta: { estimate: 0, low: 0, high: 0 }, real: false });
  });

  it('prints a p-value to three decimals, and below 0.001 as a bound', () => {
    expect(formatPValue(1)).toBe('1.000');
    expect(formatPValue(0.125)).toBe('0.125');
    expect(formatPValue(0.001)).toBe('0.001');
    expect(formatPValue(0.000999)).toBe('< 0.001');
  });

  it('refuses to pair models that scored different examples', () => {
    const other = { ...runs('x', [flip(0)]), examples: 'e'.repeat(64) };
    expect(() => comparePaired(runs('full', [flip(0)]), other)).toThrow(
      'comparePaired: x and full scored different t test examples; they cannot be paired',
    );
  });

  it('scores over seeds with a t-interval, a single deterministic run with a bootstrap over examples', () => {
    const seeds = scoreOf(runs('m', [flip(0), flip(2), flip(4)])); // 1.0, 0.9, 0.8
    expect(seeds).toMatchObject({ over: 'seeds', n: 3 });
    expect(seeds.mean).toBeCloseTo(0.9, 12);
    // s = 0.1, t(0.975, 2) = 4.303: half-width 0.1 · 4.303 / √3
    expect(seeds.high - seeds.mean).toBeCloseTo((0.1 * 4.303) / Math.sqrt(3), 12);
    const one = scoreOf(runs('m', [flip(4)]));
    expect(one).toMatchObject({ over: 'examples', n: 20, mean: 0.8 });
    expect(one.low).toBeLessThan(0.8);
    expect(one.high).toBeGreaterThan(0.8);
  });

  it('renders the table and generates a sentence per comparison from the numbers', () => {
    const { table, claims, comparisons } = renderTaskEvidence('t', 'accuracy', 'full', [
      { id: 'full', role: 'model', runs: runs('full', [flip(0), flip(0), flip(2)]) },
      { id: 'ksub', role: 'model', runs: runs('ksub', [flip(6), flip(6), flip(6)]) },
      { id: 'twin', role: 'model', runs: runs('twin', [flip(0), flip(0), flip(2)]) },
      { id: 'later', role: 'model' },
      { id: 'majority', role: 'control', runs: runs('majority', [gold.map(() => 0)]) },
    ]);
    expect(comparisons.get('ksub')?.real).toBe(true);
    expect(claims.find((c) => c.includes('ksub'))).toMatch(
      /^On t, ksub scores below full: accuracy -26\.7 points \[-[\d.]+, -[\d.]+\] — supported/,
    );
    expect(claims.find((c) => c.includes('twin'))).toBe(
      'On t, twin and full cannot be told apart: accuracy +0.0 points [+0.0, +0.0]; the interval includes zero.',
    );
    expect(table).toContain('| later | — | — | not run under this protocol |');
    expect(table).toContain('| _majority_ (control) |');
  });
});

describe('allocationCount', () => {
  it('counts rows allocated and used per table (hand-built allocation)', () => {
    // 4 tokens, 2 tables of 3 and 2 rows; table 0 uses rows 0 and 2, table 1 uses both
    const count = allocationCount({
      numTokens: 4,
      numTables: 2,
      rows: [3, 2],
      widths: [5, 3],
      codes: Int32Array.of(0, 0, 2, 1, 0, 1, 2, 0),
      method: 'hand',
    });
    expect(count).toEqual({
      params: 3 * 5 + 2 * 3,
      rowsAllocated: 5,
      rowsUsed: 4,
      perTable: [
        { allocated: 3, used: 2 },
        { allocated: 2, used: 2 },
      ],
    });
  });
});

describe('per-language differences combined as if independent (Table 4)', () => {
  it('combines languages by their standard errors, and formats a difference in points', () => {
    // two languages with half-widths 0.1 and 0.2: SE of the mean = √(0.1² + 0.2²) / 1.96 / 2
    const avg = averageDelta([
      { estimate: -0.1, low: -0.2, high: 0 },
      { estimate: 0.1, low: -0.1, high: 0.3 },
    ]);
    expect(avg.estimate).toBeCloseTo(0, 12);
    expect(avg.high - avg.estimate).toBeCloseTo(Math.sqrt(0.01 + 0.04) / 2, 12);
    expect(averageDelta([{ estimate: -0.02, low: -0.06, high: 0.02 }])).toEqual({
      estimate: -0.02,
      low: -0.06,
      high: 0.02,
    });
    expect(formatDelta({ estimate: -0.2, low: -0.35, high: -0.05 })).toBe('-20.0 [-35.0, -5.0] \\*');
    expect(formatDelta({ estimate: 0.012, low: -0.004, high: 0.029 })).toBe('+1.2 [-0.4, +2.9]');
  });
});

describe('masked-LM evidence', () => {
  /** 4 positions in 2 sequences; `loss` per position, the unigram at 2 nats everywhere. */
  const positions = (loss: number[]): MlmPositions => ({
    sequence: Int32Array.of(0, 0, 1, 1),
    position: Int32Array.of(1, 2, 1, 3),
    token: Int32Array.of(7, 9, 7, 8),
    loss: Float64Array.from(loss),
    correct: Uint8Array.of(1, 0, 1, 0),
    unigramLoss: Float64Array.of(2, 3, 2, 4),
  });

  it('summarises loss, top-1 and the unigram (its top-1: the positions of its smallest loss)', () => {
    expect(summariseMlm(positions([1, 2, 3, 4]))).toEqual({
      loss: 2.5,
      accuracy: 0.5,
      unigramLoss: 2.75,
      unigramAccuracy: 0.5,
      positions: 4,
    });
  });

  it('pairs two models over the same positions; a constant shift is exact and excludes zero', () => {
    const d = mlmLossDifference(positions([1, 2, 3, 4]), positions([1.5, 2.5, 3.5, 4.5]));
    expect(d.estimate).toBeCloseTo(0.5, 12);
    expect(d.low).toBeCloseTo(0.5, 12);
    expect(d.high).toBeCloseTo(0.5, 12);
    expect(d.real).toBe(true);
    const other = { ...positions([1, 2, 3, 4]), token: Int32Array.of(7, 9, 7, 9) };
    expect(() => mlmLossDifference(positions([1, 2, 3, 4]), other)).toThrow();
  });

  it('states differences with their signs: the interval of a loss below the unigram is negative', () => {
    // full: 1 nat below the unigram at every position; x: 0.5 above full everywhere
    const { claims } = renderMlmEvidence('full', [
      { id: 'full', positions: positions([1, 2, 1, 3]) },
      { id: 'x', positions: positions([1.5, 2.5, 1.5, 3.5]) },
    ]);
    expect(claims).toContain(
      "MLM: full's loss 1.750 is below the unigram baseline's 2.750: -1.000 nats [-1.000, -1.000] — supported; its masked top-1 50.0% vs the unigram's 50.0%.",
    );
    expect(claims).toContain(
      "MLM: x's validation loss is higher than full's by 0.500 nats [0.500, 0.500] — supported (the interval excludes zero).",
    );
  });

  it('gives a lower loss its size as magnitudes, and says when two models cannot be told apart', () => {
    // y − full: −0.2, −0.4 in sequence 0 and −0.6, −0.8 in sequence 1, so every resample of the two
    // sequences averages −0.3, −0.5 or −0.7: the interval is [−0.7, −0.3] about −0.5.
    // z − full: +0.2 twice in sequence 0, −0.2 twice in sequence 1: resamples give +0.2, 0 or −0.2.
    const { claims } = renderMlmEvidence('full', [
      { id: 'full', positions: positions([1, 2, 1, 3]) },
      { id: 'y', positions: positions([0.8, 1.6, 0.4, 2.2]) },
      { id: 'z', positions: positions([1.2, 2.2, 0.8, 2.8]) },
    ]);
    expect(claims).toContain(
      "MLM: y's validation loss is lower than full's by 0.500 nats [0.300, 0.700] — supported (the interval excludes zero).",
    );
    expect(claims).toContain(
      'MLM: z and full cannot be told apart on validation loss (+0.000 [-0.200, +0.200]).',
    );
  });
});
