import { formatLossDelta, type MlmGap, mlmGapClaims } from './mlm-gaps';

describe('the sentences the masked-LM gaps support', () => {
  // hand-built gaps (16 × 128 tokens an update): the numbers are the curves page's own at 1,000 updates
  const gap = (variant: string, loss: number, toReference?: MlmGap['toReference']): MlmGap => ({
    variant,
    step: 1000,
    tokens: 1000 * 2048,
    loss,
    toReference,
    toUnigram: { estimate: loss - 7.149, low: loss - 7.2, high: loss - 7.1, real: true },
  });

  it('gives a lower loss its size as magnitudes, a higher one as it is, and an interval across zero no direction', () => {
    const claims = mlmGapClaims(
      [
        gap('clustered', 6.654, { estimate: -0.041, low: -0.073, high: -0.01, real: true }),
        gap('radix', 7.32, { estimate: 0.625, low: 0.57, high: 0.679, real: true }),
        gap('other', 6.7, { estimate: 0.005, low: -0.02, high: 0.03, real: false }),
      ],
      'full',
    );
    const at = 'MLM after 1,000 updates (2.0M tokens)';
    expect(claims).toContain(
      `${at}: clustered's validation loss is lower than full's by 0.041 nats [0.010, 0.073] — supported (the interval excludes zero).`,
    );
    expect(claims).toContain(
      `${at}: radix's validation loss is higher than full's by 0.625 nats [0.570, 0.679] — supported (the interval excludes zero).`,
    );
    expect(claims).toContain(
      `${at}: other and full cannot be told apart on validation loss (+0.005 [-0.020, +0.030]).`,
    );
    // against the unigram: 7.320 − 7.149 = +0.171, interval [7.320 − 7.2, 7.320 − 7.1]
    expect(claims).toContain(
      `${at}: radix's loss 7.320 is above the unigram baseline's: +0.171 nats [+0.120, +0.220] — supported.`,
    );
  });

  it('has no sentence against the reference for the reference itself, nor for a snapshot not scored yet', () => {
    const claims = mlmGapClaims(
      [gap('full', 6.695), { variant: 'late', step: 1000, tokens: 2048000 }],
      'full',
    );
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(/^MLM after 1,000 updates \(2\.0M tokens\): full's loss 6\.695 is below/);
  });

  it('formats a table cell with its sign, and marks an interval that excludes zero', () => {
    expect(formatLossDelta({ estimate: 0.627, low: 0.577, high: 0.674, real: true })).toBe(
      '+0.627 [+0.577, +0.674] \\*',
    );
    expect(formatLossDelta({ estimate: -0.004, low: -0.03, high: 0.02, real: false })).toBe(
      '-0.004 [-0.030, +0.020]',
    );
  });
});
