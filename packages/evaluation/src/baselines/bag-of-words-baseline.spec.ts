import { Rng } from '@ksub/core';
import { computeMetric } from '../metrics/compute-metric';
import type { Example } from '../tasks/task';
import { bagOfWordsBaseline, DEFAULT_L2_GRID } from './bag-of-words-baseline';
import { bagOfWordsFeatures, bagOfWordsVocabulary } from './bag-of-words';
import { fitLogisticRegression, predictLogisticRegression } from './logistic-regression';

const CUES = [
  ['great', 'love'],
  ['awful', 'hate'],
] as const;
const FILLER = ['the', 'phone', 'food', 'was', 'is', 'this', 'place', 'really', 'quite', 'service'];

/** Sentences of filler words plus a cue of the label; with `noise`, that share gets the other cue. */
function sentences(n: number, seed: number, noise = 0): Example[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    const cueOf = rng.nextFloat() < noise ? 1 - label : label;
    const words = Array.from({ length: 4 }, () => FILLER[rng.nextInt(FILLER.length)] as string);
    words.splice(rng.nextInt(5), 0, (CUES[cueOf] as readonly string[])[rng.nextInt(2)] as string);
    return { text: words.join(' '), label };
  });
}

describe('bagOfWordsBaseline', () => {
  const train = sentences(200, 1, 0.1);
  const dev = sentences(100, 2, 0.1);
  const test = sentences(100, 3);

  it('runs its JSDoc example', () => {
    const train = [
      { text: 'Great phone!', label: 1 },
      { text: 'Awful phone.', label: 0 },
    ];
    const result = bagOfWordsBaseline({
      train,
      dev: train,
      test: [
        { text: 'great', label: 0 },
        { text: 'so awful', label: 0 },
      ],
      numLabels: 2,
    });
    expect([result.l2, result.devScore, Array.from(result.predictions)]).toEqual([0.1, 1, [1, 0]]);
    expect(result.vocabularySize).toBe(3);
  });

  it('learns the cue words of synthetic sentiment', () => {
    const result = bagOfWordsBaseline({ train, dev, test, numLabels: 2 });
    expect(result.predictions).toBeInstanceOf(Int32Array);
    expect(result.predictions).toHaveLength(test.length);
    expect(
      computeMetric(
        'accuracy',
        result.predictions,
        test.map((e) => e.label),
      ),
    ).toBe(1); // test cues are noise-free
    expect(result.vocabularySize).toBe(FILLER.length + 4);
    expect(result.devScores).toHaveLength(DEFAULT_L2_GRID.length);
  });

  it('chooses the L2 of the best dev score (the first of ties) and predicts with that model', () => {
    // one positive in 5: at L2 10 the weights vanish, the bias predicts the majority and F1 is 0
    const skewed = train.filter((e, i) => e.label === 0 || i % 8 === 1);
    const l2Grid = [10, 1e-3, 1];
    const result = bagOfWordsBaseline({ train: skewed, dev, test, numLabels: 2, l2Grid, metric: 'f1' });
    const scores = Array.from(result.devScores);
    const best = Math.max(...scores);
    expect(result.devScore).toBe(best);
    expect(result.l2).toBe(l2Grid[scores.indexOf(best)]);
    expect(scores[0]).toBe(0);
    expect(best).toBeGreaterThan(0.8);
    // the same as fitting the chosen L2 by hand
    const vocabulary = bagOfWordsVocabulary(skewed);
    const model = fitLogisticRegression(
      bagOfWordsFeatures(skewed, vocabulary),
      skewed.map((e) => e.label),
      {
        numLabels: 2,
        l2: result.l2,
      },
    );
    expect(result.predictions).toEqual(
      predictLogisticRegression(model, bagOfWordsFeatures(test, vocabulary)),
    );
  });

  it('reaches 100% train accuracy on separable data, with bigrams too', () => {
    const clean = sentences(100, 4);
    for (const bigrams of [false, true]) {
      const r = bagOfWordsBaseline({
        train: clean,
        dev: clean,
        test: clean,
        numLabels: 2,
        l2Grid: [2e-3, 1e-3],
        bigrams,
      });
      expect(
        computeMetric(
          'accuracy',
          r.predictions,
          clean.map((e) => e.label),
        ),
      ).toBe(1);
      expect([r.l2, r.devScore, Array.from(r.devScores)]).toEqual([2e-3, 1, [1, 1]]); // a tie: the first
    }
  });

  it('is deterministic', () => {
    const a = bagOfWordsBaseline({ train, dev, test, numLabels: 2 });
    const b = bagOfWordsBaseline({ train, dev, test, numLabels: 2 });
    expect(b).toEqual(a);
  });

  it('names bad input', () => {
    const ok = { train, dev, test, numLabels: 2 };
    expect(() => bagOfWordsBaseline({ ...ok, train: [] })).toThrow(
      'bagOfWordsBaseline: train must not be empty; got 0 examples',
    );
    expect(() => bagOfWordsBaseline({ ...ok, dev: [] })).toThrow(
      'bagOfWordsBaseline: dev must not be empty; got 0 examples',
    );
    expect(() => bagOfWordsBaseline({ ...ok, numLabels: 1 })).toThrow(
      'bagOfWordsBaseline: numLabels must be an integer >= 2; got 1',
    );
    expect(() => bagOfWordsBaseline({ ...ok, train: [...train, { text: 'x', label: 2 }] })).toThrow(
      'bagOfWordsBaseline: train[200].label must be an integer in [0, 2); got 2',
    );
    expect(() => bagOfWordsBaseline({ ...ok, dev: [{ text: 'x', label: -1 }] })).toThrow(
      'bagOfWordsBaseline: dev[0].label must be an integer in [0, 2); got -1',
    );
    expect(() => bagOfWordsBaseline({ ...ok, l2Grid: [] })).toThrow(
      'bagOfWordsBaseline: l2Grid must not be empty',
    );
    expect(() => bagOfWordsBaseline({ ...ok, l2Grid: [1, 0] })).toThrow(
      'bagOfWordsBaseline: l2Grid[1] must be a positive finite number; got 0',
    );
    expect(() => bagOfWordsBaseline({ ...ok, metric: 'pearson' as 'f1' })).toThrow(
      'bagOfWordsBaseline: metric must be one of accuracy, f1, matthews; got "pearson"',
    );
  });

  it('predicts nothing for an empty test split', () => {
    expect(bagOfWordsBaseline({ train, dev, test: [], numLabels: 2, l2Grid: [1e-2] }).predictions).toEqual(
      new Int32Array(0),
    );
  });
});
