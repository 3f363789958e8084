import type { ResultRow, RunPredictions, Selection } from '@ksub/training';
import { type ModelRuns, modelRuns } from './model-runs';

/** One model's (or control's) fine-tuning under a multilingual protocol, per language. */
export interface ProtocolRuns {
  readonly model: string;
  /** The configuration chosen on the protocol's dev split (lr 0 for a control without a grid). */
  readonly selection: Selection;
  /** The learning rates its grid tried, ascending. */
  readonly learningRates: readonly number[];
  /** Per language (the order asked for), its held-out runs at the chosen configuration; only languages it was scored on. */
  readonly languages: ReadonlyMap<string, ModelRuns>;
}

/**
 * A model's runs under a multilingual protocol (Table 4), read from its fine-tuning rows and
 * predictions: the configuration chosen on the protocol's selection split — the task of the first
 * dev row (English dev, every language's dev pooled, or XNLI dev) — and for each language the runs
 * there with their held-out (`test`) scores and predictions. Undefined when the rows hold no
 * held-out row of any of the languages (not fine-tuned under the held-out protocol).
 *
 * @param testTask - the held-out evaluation's name of a language (`libreoffice-module-de`)
 * @throws RangeError (from {@link modelRuns}) when a chosen run's held-out row or predictions are missing
 * @example
 * ```ts
 * protocolRuns(rows, predictions, 'radix-k3', ['en', 'de'], (l) => `libreoffice-module-${l}`);
 * ```
 */
export function protocolRuns(
  rows: readonly ResultRow[],
  predictions: readonly RunPredictions[],
  model: string,
  languages: readonly string[],
  testTask: (language: string) => string,
): ProtocolRuns | undefined {
  const own = rows.filter((r) => r.model === model);
  const selectOn = own.find((r) => r.split === 'dev')?.task;
  if (selectOn === undefined) return undefined;
  const byLanguage = new Map<string, ModelRuns>();
  for (const l of languages) {
    const runs = modelRuns(own, predictions, model, testTask(l), 'accuracy', selectOn);
    if (runs !== undefined) byLanguage.set(l, runs);
  }
  const first = [...byLanguage.values()][0];
  if (first?.selection === undefined) return undefined;
  const learningRates = [
    ...new Set(own.filter((r) => r.task === selectOn && r.split === 'dev').map((r) => r.lr)),
  ].sort((a, b) => a - b);
  return { model, selection: first.selection, learningRates, languages: byLanguage };
}
