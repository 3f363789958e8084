import { renderPretrainSeeds, type SeededVariant, type SeedScores } from './render-pretrain-seeds';

/** A pretraining seed's scores: its fine-tuning seeds' test accuracies on `t` (none: not run) and its MLM loss. */
const seed = (s: number, test: number[] | undefined, mlmLoss?: number): SeedScores => ({
  seed: s,
  test: new Map(test === undefined ? [] : [['t', test]]),
  mlmLoss,
});
const tasks = [{ name: 't', metric: 'accuracy' }];

describe('the pretraining-seeds section of Tables 2–3', () => {
  // Per pretraining seed the mean over its fine-tuning seeds:
  //   full      0.71, 0.69, 0.73   MLM 5.0, 5.2, 5.1
  //   radix-k3  0.66, 0.66, 0.67   MLM 5.3, 5.35, 5.4
  //   clustered 0.70, 0.72, —      MLM 5.1, —, —
  const variants: SeededVariant[] = [
    { id: 'full', seeds: [seed(1, [0.7, 0.72], 5.0), seed(2, [0.68, 0.7], 5.2), seed(3, [0.72, 0.74], 5.1)] },
    { id: 'radix-k3', seeds: [seed(1, [0.66], 5.3), seed(2, [0.66], 5.35), seed(3, [0.66, 0.68], 5.4)] },
    { id: 'clustered', seeds: [seed(1, [0.7], 5.1), seed(2, [0.72]), seed(3, undefined)] },
  ];
  const rendered = renderPretrainSeeds('full', variants, tasks);
  const section = rendered?.section ?? '';

  it('gives each seed, the mean over pretraining seeds with its t-interval, and the per-seed Δ with its own (derived by hand)', () => {
    // full: mean 0.71, s = 0.02; half-width t(0.975, 2) · s / √3 = 4.303 · 0.02 / √3 = 0.0497
    expect(section).toContain('| full | 71.0 | 69.0 | 73.0 | 71.0 [66.0, 76.0] (n = 3) | — |');
    // radix-k3: mean 0.6633, s = 0.00577, half-width 0.0143 → [64.9, 67.8]; Δ per seed −5, −3, −6
    // points: mean −4.67, s = 1.528, half-width 4.303 · 1.528 / √3 = 3.795 → [−8.5, −0.9], excludes 0
    expect(section).toContain(
      '| radix-k3 | 66.0 (-5.0) | 66.0 (-3.0) | 67.0 (-6.0) | 66.3 [64.9, 67.8] (n = 3) | -4.7 [-8.5, -0.9] (n = 3) \\* |',
    );
    // clustered, seed 3 not run: n = 2, t(0.975, 1) = 12.706; own s = 0.01414 → half-width
    // 12.706 · 0.01 = 0.127; Δ −1, +3 points: mean +1, s = 2.828, half-width 12.706 · 2 = 25.4
    expect(section).toContain(
      '| clustered | 70.0 (-1.0) | 72.0 (+3.0) | not run | 71.0 [58.3, 83.7] (n = 2) | +1.0 [-24.4, +26.4] (n = 2) |',
    );
  });

  it('does the same for the MLM loss, in nats; one seed gives a value without an interval', () => {
    // full: mean 5.1, s = 0.1, half-width 4.303 · 0.1 / √3 = 0.2484
    expect(section).toContain('| full | 5.000 | 5.200 | 5.100 | 5.100 [4.852, 5.348] (n = 3) | — |');
    // radix-k3: Δ 0.3, 0.15, 0.3: mean 0.25, s = 0.0866, half-width 4.303 · 0.05 = 0.2152
    expect(section).toContain(
      '| radix-k3 | 5.300 (+0.300) | 5.350 (+0.150) | 5.400 (+0.300) | 5.350 [5.226, 5.474] (n = 3) | +0.250 [+0.035, +0.465] (n = 3) \\* |',
    );
    expect(section).toContain(
      '| clustered | 5.100 (+0.100) | not run | not run | 5.100 (n = 1) | +0.100 (n = 1) |',
    );
    expect(section).toMatch(/^## Pretraining seeds\n\n.*\n\n### t: test accuracy per pretraining seed/s);
    expect(section).toContain(
      '| model | seed 1 | seed 2 | seed 3 | mean over pretraining seeds (95% CI) | Δ vs full, mean of the per-seed Δ (95% CI) |',
    );
  });

  it('generates a sentence per variant and measure with two seeds or more: the spread, and beside full whether Δ excludes zero', () => {
    expect(rendered?.claims).toEqual([
      "Pretraining seeds: full's t accuracy spreads over 4.0 points across 3 pretraining seeds (69.0 to 73.0).",
      "Pretraining seeds: radix-k3's t accuracy spreads over 1.0 points across 3 pretraining seeds (66.0 to 67.0); its difference to full, taken seed by seed, averages -4.7 points [-8.5, -0.9] over 3 seeds — supported (the interval excludes zero).",
      "Pretraining seeds: clustered's t accuracy spreads over 2.0 points across 2 pretraining seeds (70.0 to 72.0); its difference to full, taken seed by seed, averages +1.0 points [-24.4, +26.4] over 2 seeds, an interval that includes zero.",
      "Pretraining seeds: full's MLM validation loss spreads over 0.200 nats across 3 pretraining seeds (5.000 to 5.200).",
      "Pretraining seeds: radix-k3's MLM validation loss spreads over 0.100 nats across 3 pretraining seeds (5.300 to 5.400); its difference to full, taken seed by seed, averages +0.250 nats [+0.035, +0.465] over 3 seeds — supported (the interval excludes zero).",
    ]);
  });

  it('is absent while only the seed-1 models are measured, so the tables render as before', () => {
    const unrun: SeededVariant[] = [
      { id: 'full', seeds: [seed(1, [0.7], 5.0), seed(2, undefined), seed(3, undefined)] },
    ];
    expect(renderPretrainSeeds('full', unrun, tasks)).toBeUndefined();
  });

  it('takes no Δ without the reference among the seeded variants', () => {
    const alone = renderPretrainSeeds(
      'full',
      [{ id: 'radix-k3', seeds: [seed(1, [0.66]), seed(2, [0.7])] }],
      tasks,
    );
    expect(alone?.section).toContain('| radix-k3 | 66.0 | 70.0 | 68.0 [42.6, 93.4] (n = 2) | — |');
    expect(alone?.claims).toEqual([
      "Pretraining seeds: radix-k3's t accuracy spreads over 4.0 points across 2 pretraining seeds (66.0 to 70.0).",
    ]);
  });
});
