import { describe, expect, it } from '@jest/globals';
import { comparisonSentences, excludesZero, renderUseLiteTable } from './use-lite-report';
import type { UseLiteRecord } from './use-lite-record';

const iv = (estimate: number, low: number, high: number) => ({ estimate, low, high });

const ORIGINAL: UseLiteRecord = {
  method: 'original',
  ratio: 1,
  settings: '8002×256',
  parameters: 2_048_512,
  bytes: 8_194_048,
  achievedRatio: 1,
  seconds: 0,
  probes: [{ task: 'uci-sentiment', metric: 'accuracy', l2: 0.01, dev: 0.8, test: iv(0.8, 0.76, 0.84) }],
};
const SVD: UseLiteRecord = {
  method: 'svd',
  ratio: 10,
  settings: 'rank=24',
  parameters: 198_192,
  bytes: 792_768,
  achievedRatio: 8_194_048 / 792_768,
  seconds: 1,
  tableCosine: iv(0.9, 0.89, 0.91),
  relativeError: 0.4,
  sentenceCosine: iv(0.95, 0.94, 0.96),
  probes: [
    {
      task: 'uci-sentiment',
      metric: 'accuracy',
      l2: 0.1,
      dev: 0.78,
      test: iv(0.77, 0.73, 0.81),
      delta: iv(-0.03, -0.05, -0.01),
    },
  ],
};

describe('renderUseLiteTable', () => {
  it('prints sizes, closeness and scores in percent with intervals, and the paired Δ of compressed models', () => {
    const md = renderUseLiteTable([ORIGINAL, SVD], {
      tasks: { 'uci-sentiment': { metric: 'accuracy', labels: [0, 1] } },
    });
    const lines = md.split('\n');
    expect(lines[0]).toBe(
      '| method | ratio | settings | floats | bytes | table cosine | rel. error | sentence cosine | uci-sentiment accuracy (Δ to original) |',
    );
    expect(lines[2]).toBe(
      '| original | ×1.0 | 8002×256 | 2,048,512 | 8,194,048 | 1 | 0 | 1 | 80.0 [76.0, 84.0] |',
    );
    expect(lines[3]).toBe(
      '| svd | ×10.3 | rank=24 | 198,192 | 792,768 | 0.9000 | 0.4000 | 0.9500 [0.9400, 0.9600] | 77.0 [73.0, 81.0]<br>-3.0 [-5.0, -1.0] |',
    );
  });
});

describe('comparisonSentences', () => {
  it('calls a difference supported only when its interval excludes zero', () => {
    expect(excludesZero(iv(0.01, 0.001, 0.02))).toBe(true);
    expect(excludesZero(iv(0.01, -0.001, 0.02))).toBe(false);
    const [line] = comparisonSentences([
      {
        ratio: 10,
        a: 'svd',
        b: 'ae-direction',
        measures: [
          { measure: 'sentence cosine', delta: iv(0.012, 0.01, 0.014) },
          { measure: 'uci-sentiment', delta: iv(-0.004, -0.02, 0.012) },
        ],
      },
    ]);
    expect(line).toBe(
      '- ×10: ae-direction − svd: sentence cosine +0.0120 [+0.0100, +0.0140]; uci-sentiment -0.4 points [-2.0, +1.2] — ae-direction better on sentence cosine (supported); not distinguishable on uci-sentiment.',
    );
  });
});
