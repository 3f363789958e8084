import type { MlmPositions } from '@ksub/training';
import type { CurveData, SnapshotData } from './curve-data';
import { renderScheduleGaps, scheduleGapClaims, scheduleGaps } from './schedule-gap';

/** 4 masked positions in 2 sequences with these losses. */
const positions = (loss: number[]): MlmPositions => ({
  sequence: Int32Array.of(0, 0, 1, 1),
  position: Int32Array.of(1, 2, 1, 3),
  token: Int32Array.of(7, 9, 7, 8),
  loss: Float64Array.from(loss),
  correct: new Uint8Array(4),
  unigramLoss: new Float64Array(4).fill(9),
});

const snap = (step: number, loss?: number[]): SnapshotData => ({
  step,
  label: `u${step}`,
  positions: loss === undefined ? undefined : positions(loss),
  finetuned: false,
  runs: new Map(),
});

describe('the same updates under two schedules', () => {
  // ksub's Tables 2–3 run lasted 4 updates: its snapshot at 4 is 0.5 nats below it at every
  // position; full's annealed positions are not scored yet, and other's snapshot at 4 is not
  const data: CurveData = {
    reference: 'full',
    tokensPerUpdate: 500_000,
    tasks: [],
    variants: [
      {
        id: 'full',
        annealed: { step: 4, loss: 3 },
        snapshots: [snap(2, [1, 1, 1, 1]), snap(4, [1, 1, 1, 1])],
      },
      {
        id: 'ksub',
        annealed: { step: 4, loss: 2.5 },
        annealedPositions: positions([1, 2, 3, 4]),
        snapshots: [snap(2, [2, 3, 4, 5]), snap(4, [0.5, 1.5, 2.5, 3.5])],
      },
      {
        id: 'other',
        annealed: { step: 4, loss: 3 },
        annealedPositions: positions([1, 1, 1, 1]),
        snapshots: [snap(4)],
      },
    ],
    missing: [],
  };

  it('pairs the snapshot at the annealed run’s updates with that run, over the same positions', () => {
    const gaps = scheduleGaps(data);
    expect(gaps.map((g) => g.variant)).toEqual(['ksub']);
    const [g] = gaps;
    expect([g?.step, g?.tokens, g?.curveLoss, g?.annealedLoss]).toEqual([4, 2_000_000, 2, 2.5]);
    expect(g?.delta).toEqual({ estimate: -0.5, low: -0.5, high: -0.5, real: true });
    expect(renderScheduleGaps(gaps)).toContain(
      '| ksub | 4 | 2.0M | 2.000 | 2.500 | -0.500 [-0.500, -0.500] \\* |',
    );
    expect(scheduleGapClaims(gaps)).toEqual([
      'Schedule, ksub after 4 updates: mid-way through the stretched schedule its validation loss is 0.500 nats [0.500, 0.500] lower than its Tables 2–3 run annealed at the same updates — supported (the interval excludes zero).',
    ]);
  });

  it('says when the two cannot be told apart', () => {
    // sequence 0 half a nat below, sequence 1 half a nat above: the mean is 0 and resamples straddle it
    const mixed: CurveData = {
      ...data,
      variants: [
        {
          id: 'ksub',
          annealed: { step: 4, loss: 2.5 },
          annealedPositions: positions([1, 2, 3, 4]),
          snapshots: [snap(4, [0.5, 1.5, 3.5, 4.5])],
        },
      ],
    };
    expect(scheduleGapClaims(scheduleGaps(mixed))[0]).toMatch(
      /^Schedule, ksub after 4 updates: mid-way through the stretched schedule and annealed cannot be told apart on validation loss \(\+0\.000 \[-0\.500, \+0\.500\]\)\.$/,
    );
  });
});
