import { resultRow } from '../testing/result-row';
import type { ResultRow } from './results-csv';
import { bestIndex, isNewBest, runBests, selectConfiguration, shouldStop } from './selection';

/** A dev row of task t, accuracy; `fields` replace any of it. */
const row = (fields: Partial<ResultRow>): ResultRow =>
  resultRow({ task: 't', model: 'm', rows: 10, steps: 1, wallSeconds: 1, ...fields });

/** Dev rows of one run from its curve (epoch i + 1 scores curve[i]). */
const curve = (key: Partial<ResultRow>, values: readonly number[]): ResultRow[] =>
  values.map((value, i) => row({ ...key, epoch: i + 1, value }));

describe('early stopping', () => {
  it('stops a synthetic dev curve `patience` epochs after its peak, and reports the peak', () => {
    // peaks at epoch 4, then falls: with patience 2 the run ends after epoch 6
    const dev = [0.55, 0.61, 0.66, 0.7, 0.69, 0.68, 0.72, 0.73];
    const seen: number[] = [];
    for (const score of dev) {
      seen.push(score);
      if (shouldStop(seen, 2)) break;
    }
    expect(seen).toHaveLength(6);
    expect(bestIndex(seen) + 1).toBe(4);
    // a tie does not renew the best: [0.7, 0.7] with patience 1 stops
    expect(shouldStop([0.7, 0.7], 1)).toBe(true);
    expect(shouldStop([0.7, 0.71], 1)).toBe(false);
    // NaN (an undefined metric) never counts as the best
    expect(bestIndex([Number.NaN, 0.2, 0.1])).toBe(1);
  });

  it('calls a new best exactly where bestIndex moves, NaN epochs included', () => {
    // an undefined metric at epoch 1, then numbers: epoch 2 is the best, as bestIndex says; hand-
    // derived per epoch
    const cases: [number[], boolean[]][] = [
      [
        [Number.NaN, 0.5, 0.4, 0.6],
        [true, true, false, true],
      ],
      [
        [0.3, Number.NaN, 0.3, 0.31],
        [true, false, false, true],
      ],
      [
        [Number.NaN, Number.NaN],
        [true, true],
      ],
    ];
    for (const [scores, expected] of cases) {
      expect(scores.map((score, i) => isNewBest(scores.slice(0, i), score))).toEqual(expected);
      // the last epoch called a new best is the one bestIndex reports
      expect(expected.lastIndexOf(true)).toBe(bestIndex(scores));
    }
    expect(isNewBest([Number.NaN], 0.5)).toBe(true);
    expect(isNewBest([0.6], 0.6)).toBe(false);
    expect(isNewBest([0.6, Number.NaN], 0.59)).toBe(false);
    expect(isNewBest([], Number.NaN)).toBe(true);
  });
});

describe('selectConfiguration', () => {
  const rows = [
    // lr 1e-4: seeds 1 and 2 peak at 0.70 and 0.66 → mean 0.68
    ...curve({ lr: 1e-4, seed: 1 }, [0.6, 0.7, 0.65]),
    ...curve({ lr: 1e-4, seed: 2 }, [0.66, 0.6]),
    // lr 3e-4: 0.72 and 0.68 → mean 0.70 (chosen); seed 3 ran only here, after the search
    ...curve({ lr: 3e-4, seed: 1 }, [0.72, 0.7]),
    ...curve({ lr: 3e-4, seed: 2 }, [0.5, 0.68]),
    ...curve({ lr: 3e-4, seed: 3 }, [0.9, 0.8]),
    // lr 1e-3: one seed scores 0.99, the other 0.2 → mean 0.595
    ...curve({ lr: 1e-3, seed: 1 }, [0.99]),
    ...curve({ lr: 1e-3, seed: 2 }, [0.2]),
    // test rows and another metric never enter the choice
    row({ lr: 1e-3, seed: 1, split: 'test', value: 1 }),
    row({ lr: 1e-3, seed: 2, metric: 'f1', value: 1 }),
  ];

  it('picks the configuration with the best mean over the seeds every configuration ran', () => {
    const s = selectConfiguration(rows, 't', 'accuracy');
    expect(s).toMatchObject({ lr: 3e-4, batch: 16, selectionSeeds: [1, 2], atEdge: [] });
    expect(s.dev).toBeCloseTo(0.7, 12);
    expect(s.runs.map((r) => [r.seed, r.epoch, r.dev])).toEqual([
      [1, 1, 0.72],
      [2, 2, 0.68],
      [3, 1, 0.9],
    ]);
  });

  it('says when the chosen value is at the edge of the grid', () => {
    const low = rows.filter((r) => r.lr !== 3e-4);
    expect(selectConfiguration(low, 't', 'accuracy')).toMatchObject({ lr: 1e-4, atEdge: ['lr'] });
    const one = rows.filter((r) => r.lr === 3e-4);
    expect(selectConfiguration(one, 't', 'accuracy').atEdge).toEqual([]);
  });

  it('finds each run’s best epoch, and names the task and metric when there is nothing to choose from', () => {
    expect(runBests(rows, 't', 'accuracy')).toHaveLength(7);
    expect(() => selectConfiguration(rows, 't', 'matthews')).toThrow(
      'selectConfiguration: no dev rows for task "t", metric "matthews"',
    );
  });
});
