import type { MetricName } from '../tasks/task';
import { accuracy, f1, matthewsCorrelation } from './classification-metrics';
import { pearson, spearman } from './regression-metrics';

/**
 * A task metric by name: predictions against gold labels (class indices) or scores.
 *
 * @throws RangeError for an unknown metric name, and the metric's own argument errors.
 * @example
 * ```ts
 * computeMetric('matthews', [1, 0, 1], [1, 0, 0]);
 * ```
 */
export function computeMetric(
  name: MetricName,
  predictions: ArrayLike<number>,
  gold: ArrayLike<number>,
): number {
  switch (name) {
    case 'accuracy':
      return accuracy(predictions, gold);
    case 'f1':
      return f1(predictions, gold);
    case 'matthews':
      return matthewsCorrelation(predictions, gold);
    case 'pearson':
      return pearson(predictions, gold);
    case 'spearman':
      return spearman(predictions, gold);
    default:
      throw new RangeError(
        `computeMetric: name must be accuracy, f1, matthews, pearson or spearman; got ${JSON.stringify(name)}`,
      );
  }
}
