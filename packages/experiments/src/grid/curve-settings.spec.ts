import {
  checkCurveSettings,
  checkpointsFrom,
  committedSnapshots,
  type CurveSettings,
} from './curve-settings';
import { EXPERIMENT_PRESETS } from './presets';

const KNOWN = ['full', 'radix-k3', 'clustered-naive-m100'];
const MINI = EXPERIMENT_PRESETS.mini.curves as CurveSettings;
/** mini's curves with some fields replaced, checked as mini's (checkpointEvery 250). */
const check = (fields: Partial<CurveSettings>) => () =>
  checkCurveSettings({ ...MINI, ...fields }, 'mini.curves', 250, KNOWN);

describe('learning-curve settings', () => {
  it("mini's and tiny's pass (checked against their own checkpoint intervals)", () => {
    expect(check({})).not.toThrow();
    const tiny = EXPERIMENT_PRESETS.tiny;
    expect(() =>
      checkCurveSettings(tiny.curves as CurveSettings, 'tiny.curves', tiny.pretrain.checkpointEvery, KNOWN),
    ).not.toThrow();
    expect(EXPERIMENT_PRESETS.paper.curves).toBeUndefined();
  });

  it('counts the checkpoints a run writes from a snapshot on (every checkpointEvery, and the last update)', () => {
    // 1,000, 1,250, …, 8,000: 29 of mini's 32 checkpoints
    expect(checkpointsFrom(1000, 8000, 250)).toBe(29);
    expect(checkpointsFrom(250, 8000, 250)).toBe(32);
    // 30 updates every 15 … and a run of 40 adds its last update (40 is no multiple of 15)
    expect(checkpointsFrom(15, 30, 15)).toBe(2);
    expect(checkpointsFrom(15, 40, 15)).toBe(3);
  });

  it('commits every snapshot unless the preset lists some (mini: full only at the fine-tuned ones)', () => {
    expect(committedSnapshots(MINI, 'full')).toEqual([2000, 8000]);
    expect(committedSnapshots(MINI, 'radix-k3')).toEqual([1000, 2000, 4000, 8000]);
  });

  it('refuses snapshots out of order, off the checkpoint grid or past the run, naming the field and value', () => {
    expect(check({ snapshots: [2000, 1000, 4000, 8000] })).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.snapshots must be ascending; got [2000, 1000, 4000, 8000]',
      ),
    );
    expect(check({ snapshots: [1000, 2100, 8000], finetuneAt: [] })).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.snapshots[1] must be a positive multiple of checkpointEvery (250); got 2100',
      ),
    );
    expect(check({ snapshots: [1000, 8250], finetuneAt: [] })).toThrow(
      new RangeError('checkCurveSettings: mini.curves.snapshots[1] must be at most steps (8000); got 8250'),
    );
    expect(check({ snapshots: [] })).toThrow(
      new RangeError('checkCurveSettings: mini.curves.snapshots must list at least one update; got []'),
    );
  });

  it('refuses fine-tuning a snapshot the run does not keep or the repository does not commit', () => {
    expect(check({ finetuneAt: [2000, 3000] })).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.finetuneAt must be among snapshots [1000, 2000, 4000, 8000]; got 3000',
      ),
    );
    expect(check({ committed: { full: [8000] } })).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.committed.full must include every finetuneAt update (fine-tuning reads kept models); got [8000], missing 2000',
      ),
    );
    expect(check({ committed: { 'radix-k9': [2000, 8000] } })).toThrow(
      new RangeError('checkCurveSettings: mini.curves.committed must name curve variants; got "radix-k9"'),
    );
  });

  it('refuses too few kept checkpoints: the first snapshot would be deleted before the run ends', () => {
    expect(check({ keepCheckpoints: 28 })).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.keepCheckpoints must be at least 29 (every checkpoint from update 1000 to 8000, one per 250); got 28',
      ),
    );
    expect(check({ keepCheckpoints: 29 })).not.toThrow();
  });

  it('refuses unknown or repeated variants, a warmup past the run and a compute-matched pair off the snapshots', () => {
    expect(check({ variants: ['full', 'radix-k9'] })).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.variants must be grid variants (full, radix-k3, clustered-naive-m100); got "radix-k9"',
      ),
    );
    expect(check({ variants: ['full', 'full'], computeMatched: undefined })).toThrow(
      new RangeError('checkCurveSettings: mini.curves.variants must be distinct; got ["full", "full"]'),
    );
    expect(check({ warmupSteps: 9000 })).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.warmupSteps must be an integer in [0, steps = 8000]; got 9000',
      ),
    );
    expect(check({ computeMatched: { variant: 'full', step: 2000, referenceStep: 4000 } })).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.computeMatched.variant must be a curve variant other than the reference "full"; got "full"',
      ),
    );
    expect(
      check({ computeMatched: { variant: 'clustered-naive-m100', step: 2000, referenceStep: 3000 } }),
    ).toThrow(
      new RangeError(
        'checkCurveSettings: mini.curves.computeMatched.referenceStep must be among snapshots [1000, 2000, 4000, 8000]; got 3000',
      ),
    );
  });
});
