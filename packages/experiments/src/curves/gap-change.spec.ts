import type { MlmPositions } from '@ksub/training';
import type { ModelRuns } from '../tables/evidence/model-runs';
import type { CurveData, SnapshotData } from './curve-data';
import { finetuneGapChanges, mlmGapChanges } from './gap-change';
import { formatBudget, gapChangeClaims, renderGapChanges } from './render-gap-change';

/** 6 masked positions in 3 sequences; every loss `base`, plus `extra` in the given sequences. */
const positions = (base: number, extra: readonly number[] = [0, 0, 0]): MlmPositions => ({
  sequence: Int32Array.of(0, 0, 1, 1, 2, 2),
  position: Int32Array.of(1, 2, 1, 3, 2, 4),
  token: Int32Array.of(7, 9, 7, 8, 5, 5),
  loss: Float64Array.from([0, 0, 1, 1, 2, 2].map((s) => base + (extra[s] as number))),
  correct: new Uint8Array(6),
  unigramLoss: new Float64Array(6).fill(9),
});

const gold = [0, 1, 0, 1, 0, 1, 0, 1];
/** Two seeds' runs on 8 test examples, each wrong on the first `wrong`. */
const runs = (model: string, wrong: number, examples = 'e'.repeat(64)): ModelRuns => {
  const p = gold.map((y, i) => (i < wrong ? 1 - y : y));
  return { model, task: 't', metric: 'accuracy', test: [1, 1], predictions: [p, p], gold, examples };
};

const snap = (step: number, p?: MlmPositions, t?: ModelRuns): SnapshotData => ({
  step,
  label: `u${step}`,
  positions: p,
  finetuned: t !== undefined,
  runs: new Map(t === undefined ? [] : [['t', t]]),
});

const STEPS = [1000, 2000, 4000, 8000];

/** full at loss 5 throughout; `gap(i)` above it at STEPS[i], the same in every sequence. */
function data(
  gap: (i: number) => number,
  steps = STEPS,
  tuned?: (step: number) => [ModelRuns, ModelRuns],
): CurveData {
  return {
    reference: 'full',
    tokensPerUpdate: 1000,
    tasks: [{ name: 't', metric: 'accuracy' }],
    variants: [
      { id: 'full', snapshots: steps.map((s) => snap(s, positions(5), tuned?.(s)[0])) },
      { id: 'ksub', snapshots: steps.map((s, i) => snap(s, positions(5 + gap(i)), tuned?.(s)[1])) },
    ],
    missing: [],
  };
}

describe('how a gap moves with training', () => {
  it('a gap closing by 0.2 nats a doubling: change −0.6, slope −0.2, zero one doubling after the last update', () => {
    // gaps 0.8, 0.6, 0.4, 0.2 at 1, 2, 4, 8 M tokens: a straight line in log2 tokens that reaches 0
    // at 16M; every sequence alike, so every resample gives the same values
    const [c] = mlmGapChanges(data((i) => 0.8 - 0.2 * i));
    expect(c?.steps).toEqual(STEPS);
    expect(c?.tokens).toEqual([1e6, 2e6, 4e6, 8e6]);
    c?.gaps.forEach((g, i) => expect(g).toBeCloseTo(0.8 - 0.2 * i, 12));
    for (const [d, v] of [
      [c?.change, -0.6],
      [c?.perDoubling, -0.2],
    ] as const) {
      expect(d?.estimate).toBeCloseTo(v, 12);
      expect(d?.low).toBeCloseTo(v, 12);
      expect(d?.high).toBeCloseTo(v, 12);
      expect(d?.real).toBe(true);
    }
    expect(c?.zero?.tokens).toBeCloseTo(16e6, 0);
    const claims = gapChangeClaims(c === undefined ? [] : [c], 'full');
    expect(claims[0]).toBe(
      'ksub − full, validation MLM loss (nats): the gap narrowed from +0.800 after 1,000 updates to +0.200 after 8,000: change -0.600 [-0.600, -0.600] — supported (the interval excludes zero).',
    );
    expect(claims[1]).toMatch(
      /^Extrapolation, not measured: if ksub − full, validation MLM loss kept changing by -0\.200 \[-0\.200, -0\.200\] per doubling .* reach zero at about 16\.0M tokens \(95% range 16\.0M to 16\.0M\), 2\.0 times the 8\.0M of the last update\.$/,
    );
    expect(renderGapChanges(c === undefined ? [] : [c], 'full')).toContain(
      '| ksub | validation MLM loss (nats) | +0.800 (1,000), +0.600 (2,000), +0.400 (4,000), +0.200 (8,000) | -0.600 [-0.600, -0.600] \\* | -0.200 [-0.200, -0.200] \\* |',
    );
  });

  it('a widening gap, a noisy flat one, and two updates: no extrapolation, and why', () => {
    const [widening] = mlmGapChanges(data((i) => 0.2 + 0.2 * i));
    expect(widening?.change.estimate).toBeCloseTo(0.6, 12);
    expect(widening?.zero).toBeUndefined();
    expect(gapChangeClaims(widening === undefined ? [] : [widening], 'full')).toEqual([
      expect.stringContaining('the gap widened from +0.200 after 1,000 updates to +0.800 after 8,000'),
      'ksub − full, validation MLM loss (nats): no extrapolation — the slope per doubling +0.200 [+0.200, +0.200] moves the gap away from zero.',
    ]);
    // a variant ahead of full that falls behind: -0.2, 0, +0.2, +0.4 changed sign, it did not narrow
    const [reversed] = mlmGapChanges(data((i) => -0.2 + 0.2 * i));
    expect(gapChangeClaims(reversed === undefined ? [] : [reversed], 'full')[0]).toBe(
      'ksub − full, validation MLM loss (nats): the gap changed sign from -0.200 after 1,000 updates to +0.400 after 8,000: change +0.600 [+0.600, +0.600] — supported (the interval excludes zero).',
    );
    // sequence 0 gains, sequence 2 loses: the mean gap stays 0.3 and the resamples straddle zero
    const noisy: CurveData = {
      ...data(() => 0),
      variants: [
        { id: 'full', snapshots: STEPS.map((s) => snap(s, positions(5))) },
        {
          id: 'ksub',
          snapshots: STEPS.map((s, i) => snap(s, positions(5.3, [0.3 * i, 0, -0.3 * i]))),
        },
      ],
    };
    const [flat] = mlmGapChanges(noisy);
    expect(flat?.change.estimate).toBeCloseTo(0, 12);
    expect(flat?.change.low).toBeLessThan(0);
    expect(flat?.change.high).toBeGreaterThan(0);
    expect(flat?.perDoubling?.real).toBe(false);
    expect(gapChangeClaims(flat === undefined ? [] : [flat], 'full')[1]).toContain(
      'has an interval that includes zero',
    );
    const [two] = mlmGapChanges(data((i) => 0.5 - 0.1 * i, [2000, 8000]));
    expect(two?.perDoubling).toBeUndefined();
    expect(renderGapChanges(two === undefined ? [] : [two], 'full')).toContain('| — (2 updates) |');
  });

  it('refuses snapshots scored on other positions', () => {
    const d = data((i) => 0.1 * i);
    const moved = { ...positions(5), position: Int32Array.of(1, 2, 1, 3, 2, 5) };
    const full = d.variants[0];
    const broken: CurveData = {
      ...d,
      variants: [
        {
          id: 'full',
          snapshots: full?.snapshots.map((s, i) => (i === 3 ? { ...s, positions: moved } : s)) ?? [],
        },
        d.variants[1] as CurveData['variants'][number],
      ],
    };
    expect(() => mlmGapChanges(broken)).toThrow(/not scored on the same validation positions/);
  });

  it('fine-tuning: the change of the seed-averaged accuracy gap, paired over the same test examples', () => {
    // full right everywhere; ksub wrong on 4 of 8 after 2,000 updates, on 2 after 8,000: gaps −50
    // and −25 points, change +25
    const tuned = (s: number): [ModelRuns, ModelRuns] => [
      runs(`full-${s}`, 0),
      runs(`ksub-${s}`, s === 2000 ? 4 : 2),
    ];
    const [c] = finetuneGapChanges(data(() => 0, [2000, 8000], tuned));
    expect(c?.measure).toBe('t');
    expect(c?.gaps).toEqual([-0.5, -0.25]);
    expect(c?.change.estimate).toBeCloseTo(0.25, 12);
    expect(c?.change.low).toBeLessThanOrEqual(0.25);
    expect(c?.change.high).toBeGreaterThanOrEqual(0.25);
    expect(gapChangeClaims(c === undefined ? [] : [c], 'full')[0]).toMatch(
      /^ksub − full, t test accuracy \(points\): the gap (narrowed from -50\.0 after 2,000 updates to -25\.0 after 8,000: change \+25\.0 .* — supported|went from -50\.0 after 2,000 updates to -25\.0 after 8,000; the change \+25\.0 .* cannot be told from zero)/,
    );
    const other = (s: number): [ModelRuns, ModelRuns] => [
      runs('full', 0),
      runs('ksub', 1, s === 8000 ? 'd'.repeat(64) : 'e'.repeat(64)),
    ];
    expect(() => finetuneGapChanges(data(() => 0, [2000, 8000], other))).toThrow(
      'finetuneGapChanges: ksub scored other t test examples than full; the gaps cannot be paired',
    );
  });

  it('formats budgets as a reader compares them', () => {
    expect([4.1e6, 1.3e9, 2e12, 1500, Infinity].map(formatBudget)).toEqual([
      '4.1M',
      '1.3B',
      '2.0T',
      '1.5k',
      'more than 10^24',
    ]);
  });
});
