import { finishedSteps, runId } from './resume-runs';

describe('finishedSteps', () => {
  const stepsOf = (batch: number) => Math.ceil(1000 / batch) * 3;

  it('sums each finished run’s planned steps at its own batch size', () => {
    const keys = new Set([
      runId({ lr: 1e-3, batch: 32, seed: 1 }),
      runId({ lr: 3e-4, batch: 16, seed: 1 }),
      runId({ lr: 1e-3, batch: 32, seed: 2 }),
    ]);
    // ceil(1000 / 32) * 3 = 96 twice, ceil(1000 / 16) * 3 = 189
    expect(finishedSteps(keys, stepsOf)).toBe(96 + 189 + 96);
  });

  it('is 0 for a grid with nothing finished', () => {
    expect(finishedSteps(new Set(), stepsOf)).toBe(0);
  });

  it('rejects a key without a positive batch size, naming the key', () => {
    expect(() => finishedSteps(new Set(['0.001|x|1']), stepsOf)).toThrow(/0\.001\|x\|1/);
    expect(() => finishedSteps(new Set(['0.001|0|1']), stepsOf)).toThrow(/positive batch size/);
  });
});
