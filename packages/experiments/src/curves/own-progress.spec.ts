import type { ModelRuns } from '../tables/evidence/model-runs';
import type { CurveData, SnapshotData } from './curve-data';
import { ownProgress, ownProgressClaims, renderOwnProgress } from './own-progress';
import { renderCurves } from './render-curves';

const gold = Array.from({ length: 20 }, (_, i) => i % 2);
/** Three seeds' runs on 20 test examples, each wrong on the first `wrong`. */
const runs = (model: string, wrong: number, examples = 'f'.repeat(64)): ModelRuns => {
  const p = gold.map((y, i) => (i < wrong ? 1 - y : y));
  return {
    model,
    task: 't',
    metric: 'accuracy',
    test: [0, 1, 2].map(() => 1 - wrong / 20),
    predictions: [p, p, p],
    gold,
    examples,
  };
};

const snapshot = (label: string, step: number, tuned?: ModelRuns): SnapshotData => ({
  step,
  label,
  finetuned: tuned !== undefined,
  runs: new Map(tuned === undefined ? [] : [['t', tuned]]),
});

/**
 * full: wrong on 1 of 20 from both 2 and 8 updates (no change). ksub: wrong on 6 from 2 updates,
 * on 2 from 8 (snapshots listed out of order): +20 points, 4 examples fixed and none broken, so
 * McNemar's exact p = 2 × 0.5^4 = 0.125. late: fine-tuned from one snapshot only, left out.
 */
const data = (ksubAt8 = runs('curve-ksub-u8', 2)): CurveData => ({
  reference: 'full',
  tokensPerUpdate: 500_000,
  tasks: [{ name: 't', metric: 'accuracy' }],
  variants: [
    {
      id: 'full',
      snapshots: [
        snapshot('curve-full-u2', 2, runs('curve-full-u2', 1)),
        snapshot('curve-full-u4', 4),
        snapshot('curve-full-u8', 8, runs('curve-full-u8', 1)),
      ],
    },
    {
      id: 'ksub',
      snapshots: [
        snapshot('curve-ksub-u8', 8, ksubAt8),
        snapshot('curve-ksub-u2', 2, runs('curve-ksub-u2', 6)),
      ],
    },
    { id: 'late', snapshots: [snapshot('curve-late-u8', 8, runs('curve-late-u8', 3))] },
  ],
  missing: [],
});

describe('a variant against its own earlier snapshot', () => {
  const rows = ownProgress(data());

  it('pairs the first and last fine-tuned snapshot of each variant that has two, as derived by hand', () => {
    expect(rows.map((r) => `${r.variant} ${r.from}→${r.to}`)).toEqual(['full 2→8', 'ksub 2→8']);
    const [full, ksub] = rows;
    expect(full?.change.delta.estimate).toBe(0);
    expect(full?.change.mcnemar.pValue).toBe(1);
    expect(full?.change.real).toBe(false);
    expect(ksub?.fromScore.mean).toBeCloseTo(0.7, 12);
    expect(ksub?.toScore.mean).toBeCloseTo(0.9, 12);
    expect(ksub?.change.delta.estimate).toBeCloseTo(0.2, 12);
    expect(ksub?.change.mcnemar.pValue).toBeCloseTo(0.125, 12);
    // a resample missing all 4 fixed examples has probability 0.8^20 ≈ 1.2% < 2.5%: the interval excludes zero
    expect(ksub?.change.delta.low).toBeGreaterThan(0);
    expect(ksub?.change.real).toBe(true);
  });

  it('renders the table and says only what the intervals support', () => {
    const table = renderOwnProgress(rows);
    expect(table).toMatch(
      /\| t test accuracy \| ksub \| 2 \| 70\.0 \[70\.0, 70\.0\] \| 8 \| 90\.0 \[90\.0, 90\.0\] \| \+20\.0 \[\+[\d.]+, \+[\d.]+\] \\\* \| 0\.125 \|/,
    );
    const claims = ownProgressClaims(rows);
    expect(claims[0]).toBe(
      'On t, full fine-tuned from 8 updates (4.0M tokens) and from 2 (1.0M) cannot be told apart: accuracy +0.0 points [+0.0, +0.0].',
    );
    expect(claims[1]).toMatch(
      /^On t, ksub fine-tuned from 8 updates \(4\.0M tokens\) scores higher than from 2 \(1\.0M\): accuracy \+20\.0 points \[\+[\d.]+, \+[\d.]+\] — supported \(the interval excludes zero\)\.$/,
    );
  });

  it('is section (g) of the curves page, with its sentences and CSV rows (updates = last, reference_updates = first)', () => {
    const page = renderCurves(data());
    expect(page.markdown).toContain('## (g) Each variant against its own earlier snapshot');
    expect(page.claims).toContain(ownProgressClaims(rows)[1]);
    expect(page.csv).toMatch(/^own-progress,ksub,t,accuracy,8,4000000,0\.2(0*\d*)?,[\d.]+,[\d.]+,2$/m);
  });

  it('refuses snapshots fine-tuned on different test examples', () => {
    expect(() => ownProgress(data(runs('curve-ksub-u8', 2, 'e'.repeat(64))))).toThrow(
      'comparePaired: curve-ksub-u8 and curve-ksub-u2 scored different t test examples; they cannot be paired',
    );
  });
});
