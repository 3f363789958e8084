/** A running progress report (a terminal bar in Node: `createProgress` of `@ksub/core/node`). */
export interface Progress {
  /** Advances by `amount` (default 1) and updates the shown fields. */
  tick(amount?: number, fields?: Readonly<Record<string, string | number>>): void;
  /** Final line; the bar stops updating. */
  stop(): void;
}

/** What a long-running library function tells a {@link ProgressFactory} about its work. */
export interface ProgressStart {
  /** What is being done, shown first. */
  readonly label: string;
  /** Expected total, when known. */
  readonly total?: number;
  /** Unit of the counted things (e.g. `steps`). */
  readonly unit?: string;
}

/**
 * Starts a {@link Progress}. Library functions that run long take one as an option and show
 * nothing without it, so they run anywhere TensorFlow.js runs; in Node pass `createProgress` from
 * `@ksub/core/node` for a terminal bar, in a browser anything that updates the page.
 */
export type ProgressFactory = (start: ProgressStart) => Progress;
