/** One labelled example of a task. */
export interface Example {
  /** The first (or only) text. */
  readonly text: string;
  /** The second text of a sentence-pair task. */
  readonly textPair?: string;
  /** Class index into the task's `labels`, or the score of a regression task. */
  readonly label: number;
  /** Language of the example (XNLI and the multilingual suites). */
  readonly language?: string;
}

/** A row a loader could not use, with where it was and why. */
export interface SkippedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** What loading a split gives: the examples and every row skipped (never dropped silently). */
export interface LoadedSplit {
  readonly examples: readonly Example[];
  readonly skipped: readonly SkippedRow[];
}

/** Metrics the tasks report. */
export type MetricName = 'accuracy' | 'f1' | 'matthews' | 'pearson' | 'spearman';

/**
 * The task seam: how a model is judged. A task knows its texts (single sentence or pair), its
 * labels (classes, or a score for regression), the metrics it reports, its splits, and how to load
 * them. GLUE, XNLI, tasks from a JSON spec and the offline suites all implement it.
 */
export interface Task {
  readonly name: string;
  readonly kind: 'classification' | 'regression';
  /** Class names in index order; empty for regression. */
  readonly labels: readonly string[];
  /** Whether examples are sentence pairs. */
  readonly pair: boolean;
  /** Metrics in reporting order; the first is the one a grid search keeps the best of. */
  readonly metrics: readonly MetricName[];
  /** Labelled splits it can load, e.g. `train`, `dev`, `dev_matched`. */
  readonly splits: readonly string[];
  /** What the task stands in for and what it cannot show (offline suites), or its source. */
  readonly description: string;
  /** Loads a split. @throws Error naming the split when the task has none of that name. */
  load(split: string): Promise<LoadedSplit>;
}
