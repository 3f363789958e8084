import { assert, describe, Rng } from '@ksub/core';
import { stats } from '../simple-statistics';
import {
  type BootstrapInterval,
  type BootstrapOptions,
  bootstrapSettings,
  percentileInterval,
} from './paired-bootstrap';

const { wilcoxonRankSum } = stats;

/** Scores split by class (labels checked: 0 or 1, both present), with the positives' and negatives' indices. */
function byClass(fn: string, labels: ArrayLike<number>) {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    assert(y === 0 || y === 1, () => `${fn}: labels[${i}] must be 0 or 1; got ${describe(y)}`, RangeError);
    (y === 1 ? pos : neg).push(i);
  }
  assert(
    pos.length > 0 && neg.length > 0,
    () =>
      `${fn}: labels must hold both classes; got ${pos.length} positives (1) and ${neg.length} negatives (0)`,
    RangeError,
  );
  return { pos: Int32Array.from(pos), neg: Int32Array.from(neg) };
}

function checkScores(fn: string, name: string, scores: ArrayLike<number>, n: number): void {
  assert(
    scores.length === n,
    () => `${fn}: ${name} must have one entry per label (${n}); got ${scores.length}`,
    RangeError,
  );
  for (let i = 0; i < n; i++)
    assert(
      Number.isFinite(scores[i]),
      () => `${fn}: ${name}[${i}] must be a finite number; got ${describe(scores[i])}`,
      RangeError,
    );
}

/** AUC from the positives' and negatives' scores: Mann–Whitney U / (n₁·n₀) from the rank sum. */
function aucOf(scores: ArrayLike<number>, pos: Int32Array, neg: Int32Array): number {
  const p = Array.from(pos, (i) => scores[i] as number);
  const n = Array.from(neg, (i) => scores[i] as number);
  const u = wilcoxonRankSum(p, n) - (p.length * (p.length + 1)) / 2;
  return u / (p.length * n.length);
}

/**
 * Area under the ROC curve of scores for binary labels (1 positive, 0 negative): the probability
 * that a random positive scores above a random negative, a tie counting ½ — the Mann–Whitney U
 * statistic over n₁·n₀, from the rank sum of the positives with tied ranks averaged
 * (simple-statistics' `wilcoxonRankSum`). Only the order of the scores matters.
 *
 * @throws RangeError for scores and labels of different length, a score that is not finite, a
 *   label other than 0 and 1, or labels of one class only (the AUC is undefined)
 * @example
 * ```ts
 * rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.75: 3 of the 4 (positive, negative) pairs in order
 * ```
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const fn = 'rocAuc';
  checkScores(fn, 'scores', scores, labels.length);
  const { pos, neg } = byClass(fn, labels);
  return aucOf(scores, pos, neg);
}

/**
 * AUC under multiplicities of the positives and negatives, in O(n) per call after an
 * O(n log n) preparation: the negatives' distinct scores are sorted once, and for each positive
 * the index of the first distinct negative score ≥ its own (`below`, the number of distinct
 * scores under it) and whether it equals it (`tie`) are found once; a resample then only sums
 * multiplicities.
 */
function weightedAuc(scores: ArrayLike<number>, pos: Int32Array, neg: Int32Array) {
  const sortedNeg = Array.from(neg, (i) => scores[i] as number).sort((a, b) => a - b);
  const values: number[] = [];
  for (const v of sortedNeg) if (values.length === 0 || values[values.length - 1] !== v) values.push(v);
  const groups = values.length;
  const groupOf = Int32Array.from(neg, (i) => lowerBound(values, scores[i] as number));
  const below = Int32Array.from(pos, (i) => lowerBound(values, scores[i] as number));
  const tie = Uint8Array.from(below, (g, k) => (values[g] === scores[pos[k] as number] ? 1 : 0));
  const weight = new Float64Array(groups);
  const cumulative = new Float64Array(groups + 1);
  return (posCount: Int32Array, negCount: Int32Array): number => {
    weight.fill(0);
    for (let j = 0; j < groupOf.length; j++) {
      const g = groupOf[j] as number;
      weight[g] = (weight[g] as number) + (negCount[j] as number);
    }
    for (let g = 0; g < groups; g++) cumulative[g + 1] = (cumulative[g] as number) + (weight[g] as number);
    let u = 0;
    for (let k = 0; k < below.length; k++) {
      const g = below[k] as number;
      const pairs = (cumulative[g] as number) + (tie[k] === 1 ? 0.5 * (weight[g] as number) : 0);
      u += (posCount[k] as number) * pairs;
    }
    return u / (pos.length * neg.length);
  };
}

/** Index of the first entry of ascending `values` that is ≥ v (values.length when none). */
function lowerBound(values: readonly number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Stratified bootstrap of one or more AUCs on the same labels: each resample draws n₁ positives
 * from the positives and then n₀ negatives from the negatives, with replacement (`rng.nextInt`
 * from `Rng.fromSeed(seed)`, positives first), so every resample keeps both classes and their
 * sizes; `statistic` combines the AUCs of the score lists under those draws.
 */
function stratifiedAucBootstrap(
  fn: string,
  scoreLists: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  combine: (aucs: Float64Array) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  const { resamples, seed, confidence } = bootstrapSettings(fn, options);
  const { pos, neg } = byClass(fn, labels);
  const estimates = Float64Array.from(scoreLists, (s) => aucOf(s, pos, neg));
  const counters = scoreLists.map((s) => weightedAuc(s, pos, neg));
  const rng = Rng.fromSeed(seed);
  const posCount = new Int32Array(pos.length);
  const negCount = new Int32Array(neg.length);
  const aucs = new Float64Array(scoreLists.length);
  const resampled = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    posCount.fill(0);
    negCount.fill(0);
    for (let k = 0; k < pos.length; k++) {
      const d = rng.nextInt(pos.length);
      posCount[d] = (posCount[d] as number) + 1;
    }
    for (let k = 0; k < neg.length; k++) {
      const d = rng.nextInt(neg.length);
      negCount[d] = (negCount[d] as number) + 1;
    }
    counters.forEach((auc, m) => (aucs[m] = auc(posCount, negCount)));
    resampled[r] = combine(aucs);
  }
  return percentileInterval(combine(estimates), resampled, confidence);
}

/**
 * {@link rocAuc} with a stratified percentile-bootstrap interval: each resample draws the
 * positives from the positives and the negatives from the negatives (with replacement), so both
 * classes keep their sizes and the AUC stays defined. Same options, defaults and RNG as
 * {@link bootstrapInterval} (2,000 resamples, seed 1, 95%).
 *
 * @throws RangeError as {@link rocAuc}, and for fewer than 100 resamples or a confidence outside (0, 1)
 * @example
 * ```ts
 * rocAucInterval(spamScores, isSpam); // { estimate: 0.97, low: 0.95, high: 0.985, resamples: 2000 }
 * ```
 */
export function rocAucInterval(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const fn = 'rocAucInterval';
  checkScores(fn, 'scores', scores, labels.length);
  return stratifiedAucBootstrap(fn, [scores], labels, (aucs) => aucs[0] as number, options);
}

/**
 * The AUC difference B − A of two scorers of the same examples (the order of
 * {@link pairedDifference}), with a paired stratified bootstrap interval: both AUCs are computed
 * on the same resampled positives and negatives in every resample, so what the two scorers share
 * cancels out.
 *
 * @throws RangeError when either score list differs in length from the labels or holds a
 *   non-finite value, for labels not 0/1 or of one class only, and for bad bootstrap options
 * @example
 * ```ts
 * pairedAucDifference(fullScores, ksubScores, labels); // { estimate: -0.004, low: -0.012, high: 0.003, … }
 * ```
 */
export function pairedAucDifference(
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const fn = 'pairedAucDifference';
  checkScores(fn, 'scoresA', scoresA, labels.length);
  checkScores(fn, 'scoresB', scoresB, labels.length);
  return stratifiedAucBootstrap(
    fn,
    [scoresA, scoresB],
    labels,
    (aucs) => (aucs[1] as number) - (aucs[0] as number),
    options,
  );
}
