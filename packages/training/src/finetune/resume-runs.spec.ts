import { finishedSteps } from './resume-runs';

describe('finishedSteps', () => {
  const stepsOf = (batch: number) => Math.ceil(1000 / batch) * 3;

  it('sums each finished run’s planned steps at its own batch size', () => {
    const runs = [
      { lr: 1e-3, batch: 32, seed: 1 },
      { lr: 3e-4, batch: 16, seed: 1 },
      { lr: 1e-3, batch: 32, seed: 2 },
    ];
    // ceil(1000 / 32) * 3 = 96 twice, ceil(1000 / 16) * 3 = 189
    expect(finishedSteps(runs, stepsOf)).toBe(96 + 189 + 96);
  });

  it('counts a run listed once per test set only once', () => {
    const run = { lr: 1e-3, batch: 32, seed: 1 };
    // the cross-lingual protocol writes one prediction line per language for the same run
    const runs = [
      { ...run, task: 'xnli-en' },
      { ...run, task: 'xnli-de' },
      { lr: 1e-3, batch: 16, seed: 1, task: 'xnli-en' },
    ];
    expect(finishedSteps(runs, stepsOf)).toBe(96 + 189);
  });

  it('is 0 for a grid with nothing finished', () => {
    expect(finishedSteps([], stepsOf)).toBe(0);
  });
});
