import type { ResultRow } from './results-csv';

/**
 * Whether early stopping ends a run after the scores so far (one per epoch, higher is better): the
 * best score is `patience` or more epochs old. A score that only ties the best does not renew it.
 *
 * @example
 * ```ts
 * shouldStop([0.6, 0.7, 0.68, 0.69], 2); // true: the best (epoch 2) is 2 epochs old
 * ```
 */
export function shouldStop(scores: readonly number[], patience: number): boolean {
  return scores.length - 1 - bestIndex(scores) >= patience;
}

/**
 * Whether `score`, appended to `scores`, becomes the run's best by {@link bestIndex}: higher than
 * every earlier score, or the first number after scores that were all NaN (an undefined metric,
 * such as a correlation of constant predictions at epoch 1). The best epoch's predictions are kept
 * when this holds, so they always belong to the epoch {@link bestIndex} reports.
 *
 * @example
 * ```ts
 * isNewBest([Number.NaN], 0.5); // true: epoch 2 is the best
 * isNewBest([0.6], 0.6); // false: a tie does not renew the best
 * ```
 */
export function isNewBest(scores: readonly number[], score: number): boolean {
  return bestIndex([...scores, score]) === scores.length;
}

/** Index of the first highest score (NaN never wins); 0 for all-NaN. */
export function bestIndex(scores: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++)
    if ((scores[i] as number) > (scores[best] as number) || Number.isNaN(scores[best] as number)) best = i;
  return best;
}

/** One run of a fine-tuning grid: a learning rate, batch size and seed. */
export interface RunKey {
  readonly lr: number;
  readonly batch: number;
  readonly seed: number;
}

/** A run's dev curve reduced to where it peaked. */
export interface RunBest extends RunKey {
  /** Epoch (1-based) of the best dev score. */
  readonly epoch: number;
  readonly dev: number;
}

/** The configuration chosen on dev, and how it was chosen. */
export interface Selection {
  readonly lr: number;
  readonly batch: number;
  /** Mean best dev score of the chosen configuration over the selection seeds. */
  readonly dev: number;
  /** Seeds run in every configuration, whose mean picks the configuration. */
  readonly selectionSeeds: readonly number[];
  /** Every run at the chosen configuration (selection seeds and any added after), seed order. */
  readonly runs: readonly RunBest[];
  /**
   * Hyperparameters whose chosen value is the smallest or largest of at least two tried: the
   * optimum may lie outside the grid (widen it).
   */
  readonly atEdge: readonly ('lr' | 'batch')[];
}

/**
 * Each run's best epoch on the rows of one task, metric and selection split (default `dev`: the
 * split scored after every epoch).
 *
 * @example
 * ```ts
 * runBests(rows, 'uci-sentiment', 'accuracy'); // [{ lr, batch, seed, epoch, dev }, …]
 * ```
 */
export function runBests(rows: readonly ResultRow[], task: string, metric: string, split = 'dev'): RunBest[] {
  const curves = new Map<string, { key: RunKey; scores: number[] }>();
  for (const r of rows) {
    if (r.task !== task || r.metric !== metric || r.split !== split) continue;
    const id = `${r.lr}|${r.batch}|${r.seed}`;
    const curve = curves.get(id) ?? { key: { lr: r.lr, batch: r.batch, seed: r.seed }, scores: [] };
    curve.scores[r.epoch - 1] = r.value;
    curves.set(id, curve);
  }
  return [...curves.values()].map(({ key, scores }) => {
    const filled = Array.from(scores, (s) => s ?? Number.NaN);
    const i = bestIndex(filled);
    return { ...key, epoch: i + 1, dev: filled[i] as number };
  });
}

/**
 * Chooses the learning rate and batch size on dev (or `split`): the configuration whose runs' best dev scores,
 * averaged over the seeds every configuration ran, are highest (ties: the first in lr, batch
 * order). Seeds run only at the chosen configuration (after the search) join its runs but not
 * the choice.
 *
 * @throws RangeError naming the task and metric when there is no dev row for them
 * @example
 * ```ts
 * const s = selectConfiguration(rows, 'sms-spam', 'f1');
 * s.lr; s.runs.map((r) => r.epoch); s.atEdge; // [] when the grid brackets the optimum
 * ```
 */
export function selectConfiguration(
  rows: readonly ResultRow[],
  task: string,
  metric: string,
  split = 'dev',
): Selection {
  const bests = runBests(rows, task, metric, split);
  if (bests.length === 0)
    throw new RangeError(
      `selectConfiguration: no ${split} rows for task ${JSON.stringify(task)}, metric ${JSON.stringify(metric)}`,
    );
  const configs = new Map<string, RunBest[]>();
  for (const b of bests) {
    const id = `${b.lr}|${b.batch}`;
    configs.set(id, [...(configs.get(id) ?? []), b]);
  }
  const groups = [...configs.values()];
  const seedSets = groups.map((g) => new Set(g.map((r) => r.seed)));
  const selectionSeeds = [...(seedSets[0] ?? [])].filter((s) => seedSets.every((set) => set.has(s)));
  selectionSeeds.sort((a, b) => a - b);
  const score = (g: readonly RunBest[]) => {
    const used = g.filter((r) => selectionSeeds.includes(r.seed));
    return used.reduce((sum, r) => sum + r.dev, 0) / used.length;
  };
  const head = (g: readonly RunBest[]) => g[0] as RunBest;
  const ordered = [...groups].sort((a, b) => head(a).lr - head(b).lr || head(a).batch - head(b).batch);
  let chosen = ordered[0] as RunBest[];
  for (const g of ordered) if (score(g) > score(chosen)) chosen = g;
  const { lr, batch } = chosen[0] as RunBest;
  const lrs = [...new Set(bests.map((b) => b.lr))];
  const batches = [...new Set(bests.map((b) => b.batch))];
  const edge = (values: number[], v: number) =>
    values.length > 1 && (v === Math.min(...values) || v === Math.max(...values));
  return {
    lr,
    batch,
    dev: score(chosen),
    selectionSeeds,
    runs: [...chosen].sort((a, b) => a.seed - b.seed),
    atEdge: [
      ...(edge(lrs, lr) ? (['lr'] as const) : []),
      ...(edge(batches, batch) ? (['batch'] as const) : []),
    ],
  };
}
