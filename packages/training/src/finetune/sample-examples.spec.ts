import type { Example } from '@ksub/evaluation';
import { evaluationSample, trainingSample } from './sample-examples';

const examples = (prefix: string, n: number): Example[] =>
  Array.from({ length: n }, (_, i) => ({ text: `${prefix} ${i}`, label: i % 3 }));

describe('the samples a fine-tuning run uses', () => {
  it('runs the JSDoc examples: at most max, all when no max is given', () => {
    expect(trainingSample(examples('a', 10), 4)).toHaveLength(4);
    expect(trainingSample(examples('a', 10))).toHaveLength(10);
    expect(evaluationSample(examples('a', 10), 500)).toHaveLength(10);
    expect(evaluationSample(examples('a', 10), 3)).toHaveLength(3);
  });

  it('draws the same examples every time, and the same positions from lists of one length', () => {
    const a = examples('a', 50);
    const b = examples('b', 50); // a translation of a, say
    const drawn = evaluationSample(a, 10).map((e) => e.text);
    expect(evaluationSample(a, 10).map((e) => e.text)).toEqual(drawn);
    expect(evaluationSample(b, 10).map((e) => e.text.replace('b', 'a'))).toEqual(drawn);
    expect(new Set(drawn).size).toBe(10);
    // training and evaluation draws are seeded apart
    expect(trainingSample(a, 10).map((e) => e.text)).not.toEqual(drawn);
  });
});
