import { type CurveData, formatTokens, formatUpdates } from './curve-data';

/** A validation loss of a variant after some updates: on its curve run, or its annealed Table 2–3 run. */
export interface LossPoint {
  readonly variant: string;
  readonly step: number;
  readonly tokens: number;
  readonly loss: number;
  readonly run: 'curve' | 'annealed';
}

/**
 * The MLM validation losses against pretraining tokens: every validation of each curve run, and
 * each variant's annealed Table 2–3 run as a separate point; with the unigram baseline's loss (the
 * same positions for every run; undefined when no record carries it).
 *
 * @example
 * ```ts
 * const { points, unigram } = mlmCurvePoints(data); // points[0]: { variant: 'full', step: 250, … }
 * ```
 */
export function mlmCurvePoints(data: CurveData): { points: LossPoint[]; unigram: number | undefined } {
  const points: LossPoint[] = [];
  let unigram: number | undefined;
  for (const v of data.variants) {
    for (const r of v.validation ?? []) {
      points.push({
        variant: v.id,
        step: r.step,
        tokens: r.step * data.tokensPerUpdate,
        loss: r.loss,
        run: 'curve',
      });
      unigram ??= r.unigramLoss;
    }
    if (v.annealed !== undefined) {
      const { step, loss } = v.annealed;
      points.push({ variant: v.id, step, tokens: step * data.tokensPerUpdate, loss, run: 'annealed' });
      unigram ??= v.annealed.unigramLoss;
    }
  }
  return { points, unigram };
}

/**
 * The Markdown table of {@link mlmCurvePoints}: a row per validated update (a blank cell where a
 * run has not got there), then the annealed runs' row(s), each column a variant and the unigram's.
 */
export function renderMlmCurve(data: CurveData): string {
  const { points, unigram } = mlmCurvePoints(data);
  const ids = data.variants.map((v) => v.id);
  const at = (run: LossPoint['run'], step: number, id: string) =>
    points.find((p) => p.run === run && p.step === step && p.variant === id)?.loss.toFixed(3) ?? '';
  const u = unigram === undefined ? '—' : unigram.toFixed(3);
  const row = (run: LossPoint['run'], step: number, label: string) =>
    `| ${label} | ${formatTokens(step * data.tokensPerUpdate)} | ${ids.map((id) => at(run, step, id)).join(' | ')} | ${u} |`;
  const steps = (run: LossPoint['run']) =>
    [...new Set(points.filter((p) => p.run === run).map((p) => p.step))].sort((a, b) => a - b);
  return [
    `| updates | tokens | ${ids.join(' | ')} | unigram |`,
    `|---:|---:|${ids.map(() => '---:|').join('')}---:|`,
    ...steps('curve').map((s) => row('curve', s, formatUpdates(s))),
    ...steps('annealed').map((s) => row('annealed', s, `${formatUpdates(s)}, annealed (Tables 2–3 run)`)),
  ].join('\n');
}
