import { bootstrapInterval, meanInterval } from '@ksub/evaluation';
import { meanMetricAt } from './compare';
import { averageDelta, type Delta } from './language-deltas';
import type { ModelRuns } from './model-runs';
import { scoreOf, type ScoreInterval } from './render-evidence';

/**
 * How the interval of an average over languages was drawn: `joint` resamples example positions
 * jointly across languages (their held-out sets have one size); `combined` resamples each
 * language alone and combines their standard errors as if independent (sets of different sizes).
 */
export type AverageMethod = 'joint' | 'combined';

/** An average over languages with its 95% interval, and how the interval was drawn. */
export interface AverageInterval extends Delta {
  readonly method: AverageMethod;
}

/**
 * The average over languages of a per-language statistic on the held-out examples, with a 95%
 * percentile bootstrap interval. When every language has `n` examples the positions are resampled
 * jointly — the same draw in every language — so that when the sets are translations in one order
 * (XNLI's test sets; the LibreOffice suite's, whose languages hold the same paragraphs) the
 * correlation between languages is kept, and when they are not the joint draw is still a
 * bootstrap of each. Otherwise each language is resampled alone and the standard errors combined
 * ({@link averageDelta}), which treats the languages as independent.
 *
 * @param sizes - examples per language
 * @param statistic - the statistic of language `l` on example indices
 * @throws RangeError for no language, or a language with fewer than 2 examples
 * @example
 * ```ts
 * averageOverExamples([500, 500], (l, idx) => accuracyOf(l, idx)); // { estimate, low, high, method: 'joint' }
 * ```
 */
export function averageOverExamples(
  sizes: readonly number[],
  statistic: (language: number, indices: Int32Array) => number,
  seed = 1,
): AverageInterval {
  if (sizes.length === 0)
    throw new RangeError('averageOverExamples: sizes must name at least one language; got []');
  const n = sizes[0] as number;
  if (sizes.every((s) => s === n)) {
    const b = bootstrapInterval(
      n,
      (idx) => sizes.reduce((sum, _, l) => sum + statistic(l, idx), 0) / sizes.length,
      { seed },
    );
    return { estimate: b.estimate, low: b.low, high: b.high, method: 'joint' };
  }
  const each = sizes.map((size, l) => bootstrapInterval(size, (idx) => statistic(l, idx), { seed }));
  return { ...averageDelta(each), method: 'combined' };
}

/**
 * A model's held-out score averaged over languages: with several seeds in every language, each
 * seed's average over languages, then the mean and 95% t-interval over seeds (as the per-language
 * scores); otherwise (a deterministic control, one seed) a bootstrap over the held-out examples
 * ({@link averageOverExamples}).
 *
 * @param languages - the model's runs per language, each at the chosen configuration
 * @example
 * ```ts
 * averageScore([runsDe, runsFr]); // { mean, low, high, over: 'seeds', n: 5 }
 * ```
 */
export function averageScore(languages: readonly ModelRuns[]): ScoreInterval & { method?: AverageMethod } {
  const seeds = languages[0]?.test.length ?? 0;
  if (seeds > 1 && languages.every((r) => r.test.length === seeds)) {
    const perSeed = Array.from(
      { length: seeds },
      (_, s) => languages.reduce((sum, r) => sum + (r.test[s] as number), 0) / languages.length,
    );
    return { ...meanInterval(perSeed), over: 'seeds' };
  }
  if (languages.length === 1) return scoreOf(languages[0] as ModelRuns);
  const a = averageOverExamples(
    languages.map((r) => r.gold.length),
    (l, idx) => meanMetricAt(languages[l] as ModelRuns, idx),
  );
  return {
    mean: a.estimate,
    low: a.low,
    high: a.high,
    over: 'examples',
    n: languages.reduce((sum, r) => sum + r.gold.length, 0),
    method: a.method,
  };
}

/**
 * The difference model − reference averaged over languages — each language's seed-averaged score
 * difference on the same held-out examples — with its 95% paired bootstrap interval
 * ({@link averageOverExamples}: positions drawn jointly across languages when the sets have one
 * size).
 *
 * @throws RangeError when the two lists differ in length, or a language's two runs scored
 *   different examples
 * @example
 * ```ts
 * averageDifference([fullDe, fullFr], [radixDe, radixFr]); // { estimate: -0.02, low, high, method: 'joint' }
 * ```
 */
export function averageDifference(
  reference: readonly ModelRuns[],
  model: readonly ModelRuns[],
): AverageInterval {
  if (reference.length !== model.length)
    throw new RangeError(
      `averageDifference: reference and model must cover the same languages; got ${reference.length} and ${model.length}`,
    );
  reference.forEach((r, l) => {
    const m = model[l] as ModelRuns;
    if (r.examples !== m.examples)
      throw new RangeError(
        `averageDifference: ${m.model} and ${r.model} scored different ${m.task} examples; they cannot be paired`,
      );
  });
  return averageOverExamples(
    reference.map((r) => r.gold.length),
    (l, idx) => meanMetricAt(model[l] as ModelRuns, idx) - meanMetricAt(reference[l] as ModelRuns, idx),
  );
}
