import { type GridPaths, keptModel } from './paths';

/**
 * A learning-curve snapshot's name in ids, files and the fine-tuning CSVs' model column:
 * `curve-<variant>-u<updates>`.
 *
 * @example
 * ```ts
 * curveLabel('radix-k3', 2000); // 'curve-radix-k3-u2000'
 * ```
 */
export function curveLabel(variant: string, step: number): string {
  return `curve-${variant}-u${step}`;
}

/** A curve run's directory (`<runs>/curve-<variant>`): metrics.jsonl and every checkpoint. */
export function curveRunDir(paths: GridPaths, variant: string): string {
  return `${paths.runs}/curve-${variant}`;
}

/** A curve run's committed metrics: `<results>/curves/<variant>.metrics.jsonl`. */
export function curveMetricsFile(paths: GridPaths, variant: string): string {
  return `${paths.results}/curves/${variant}.metrics.jsonl`;
}

/**
 * Where a snapshot's model is written: kept in the repository beside the other kept models
 * (`<results>/models/curve-<variant>-u<N>`) when committed, else scratch
 * (`<runs>/curve-snapshots/curve-<variant>-u<N>`).
 */
export function snapshotModelDir(paths: GridPaths, label: string, committed: boolean): string {
  return committed ? keptModel(paths, '', label) : `${paths.runs}/curve-snapshots/${label}`;
}

/** A snapshot's committed record (which checkpoint, which bytes): `<results>/curves/snapshots/<label>.json`. */
export function snapshotRecordFile(paths: GridPaths, label: string): string {
  return `${paths.results}/curves/snapshots/${label}.json`;
}

/** A snapshot's per-position MLM scores: `<results>/curves/mlm/<label>.positions.csv`. */
export function curveMlmFile(paths: GridPaths, label: string): string {
  return `${paths.results}/curves/mlm/${label}.positions.csv`;
}

/** A snapshot's fine-tuning rows: `<results>/curves/finetune/<label>-<task>.csv`. */
export function curveFinetuneCsv(paths: GridPaths, label: string, task: string): string {
  return `${paths.results}/curves/finetune/${label}-${task}.csv`;
}
