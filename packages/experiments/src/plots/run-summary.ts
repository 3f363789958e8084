import type { LabelledRun } from './training-curve';

/** The headline figures of a pretraining run, from its metrics records. */
export interface RunSummary {
  readonly label: string;
  readonly steps: number;
  /** Mean training loss of the last logged interval. */
  readonly trainLoss: number;
  readonly validationLoss: number;
  readonly perplexity: number;
  readonly accuracy: number;
  readonly unigramLoss: number;
  readonly tokensPerSecond: number;
  readonly elapsedSeconds: number;
}

/**
 * Summarises a run: its last training and validation records.
 *
 * @throws Error naming the run when it has no training or no validation record.
 */
export function summarizeRun(run: LabelledRun): RunSummary {
  const last = (type: string) => [...run.records].reverse().find((r) => r['type'] === type);
  const train = last('train');
  const validation = last('validation');
  if (train === undefined || validation === undefined)
    throw new Error(`summarizeRun: run ${run.label} needs at least one train and one validation record`);
  return {
    label: run.label,
    steps: train['step'] as number,
    trainLoss: train['loss'] as number,
    validationLoss: validation['loss'] as number,
    perplexity: validation['perplexity'] as number,
    accuracy: validation['accuracy'] as number,
    unigramLoss: validation['unigramLoss'] as number,
    tokensPerSecond: train['tokensPerSecond'] as number,
    elapsedSeconds: train['elapsedSeconds'] as number,
  };
}

/** A Markdown table of run summaries. */
export function summaryTable(summaries: readonly RunSummary[]): string {
  const rows = summaries.map(
    (s) =>
      `| ${s.label} | ${s.steps} | ${s.trainLoss.toFixed(3)} | ${s.validationLoss.toFixed(3)} | ${s.perplexity.toFixed(1)} | ` +
      `${(100 * s.accuracy).toFixed(1)}% | ${s.unigramLoss.toFixed(3)} | ${(s.validationLoss - s.unigramLoss).toFixed(3)} | ` +
      `${Math.round(s.tokensPerSecond)} | ${(s.elapsedSeconds / 60).toFixed(1)} min |`,
  );
  return [
    '| run | updates | train loss | validation loss | perplexity | masked accuracy | unigram loss | validation − unigram | tokens/s | wall time (this invocation) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
