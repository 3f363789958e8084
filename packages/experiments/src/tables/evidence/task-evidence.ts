import type { MetricName } from '@ksub/evaluation';
import type { ResultRow, RunPredictions } from '@ksub/training';
import type { EmbeddingCount } from './embedding-count';
import { modelRuns } from './model-runs';
import { type EvidenceEntry, renderTaskEvidence, type TaskEvidence } from './render-evidence';

/** What a table knows of its models for one task. */
export interface EvidenceInputs {
  readonly rows: readonly ResultRow[];
  readonly predictions: readonly RunPredictions[];
  /** Embedding counts by model id (from the kept models). */
  readonly counts: ReadonlyMap<string, EmbeddingCount>;
}

/**
 * One task's evidence over the table's models and its controls: each model's runs under the
 * held-out protocol (when it has test rows), compared with the first model (the full baseline).
 * Undefined when no model has test rows for the task.
 */
export function taskEvidence(
  inputs: EvidenceInputs,
  task: string,
  metric: MetricName,
  models: readonly string[],
  controls: readonly string[],
): TaskEvidence | undefined {
  const entries: EvidenceEntry[] = [
    ...models.map((id) => ({ id, role: 'model' as const })),
    ...controls.map((id) => ({ id, role: 'control' as const })),
  ].map((e) => ({
    ...e,
    runs: modelRuns(inputs.rows, inputs.predictions, e.id, task, metric),
    count: inputs.counts.get(e.id),
  }));
  if (!entries.some((e) => e.runs !== undefined)) return undefined;
  return renderTaskEvidence(task, metric, models[0] ?? 'full', entries);
}
