/**
 * Where a grid's files go. Scratch (`runs/<preset>/`: models, allocations made without a trained
 * model) is what a machine may lose; `docs/results/<preset>/` is committed — what a new machine
 * must not lose: fine-tuning rows, pretraining metrics, seed-001 records, allocations clustered on
 * a trained model, and the tables and figures. Packed corpora go where `nx run corpus:prepare`
 * puts them (`data/`), so one prepared by hand is reused.
 */
export interface GridPaths {
  /** `runs/<preset>`: scratch. */
  readonly runs: string;
  /** `docs/results/<preset>`: committed. */
  readonly results: string;
}

/**
 * The two roots of a preset's files.
 *
 * @example
 * ```ts
 * gridPaths('mini'); // { runs: 'runs/mini', results: 'docs/results/mini' }
 * ```
 */
export function gridPaths(preset: string): GridPaths {
  return { runs: `runs/${preset}`, results: `docs/results/${preset}` };
}

/**
 * A packed corpus's directory, as `nx run corpus:prepare` names it: `data/<corpus>-<tokenizer>`,
 * with `-<maxLength>` unless it is the default 128.
 *
 * @example
 * ```ts
 * corpusDir('english-offline', 'roberta-gpt2', 512); // 'data/english-offline-roberta-gpt2-512'
 * ```
 */
export function corpusDir(corpus: string, tokenizer: string, maxLength: number): string {
  return `data/${corpus}-${tokenizer}${maxLength === 128 ? '' : `-${maxLength}`}`;
}

/**
 * A pretraining run's directory (`<runs>/<prefix>pretrain-<variant>`); its model is under `model/`.
 * `prefix` is `ml-` for Table 4's multilingual models, '' otherwise.
 */
export function pretrainDir(paths: GridPaths, prefix: string, variant: string): string {
  return `${paths.runs}/${prefix}pretrain-${variant}`;
}

/**
 * A pretrained model kept in the repository (`<results>/models/<prefix><variant>`, float16 with
 * checksums): what fine-tuning, figures and compression read, so they never need the scratch run.
 */
export function keptModel(paths: GridPaths, prefix: string, variant: string): string {
  return `${paths.results}/models/${prefix}${variant}`;
}

/**
 * A pretrained model that stays scratch (`<runs>/models/<prefix><variant>`, float16 with checksums,
 * as {@link keptModel}): too large to commit, read from this machine while it is there.
 */
export function scratchModel(paths: GridPaths, prefix: string, variant: string): string {
  return `${paths.runs}/models/${prefix}${variant}`;
}

/** The saved model of a pretraining or compression run directory. */
export function modelOf(runDir: string): string {
  return `${runDir}/model`;
}

/** A saved model's token-embedding matrix, as the `allocate` cell's `embeddings` reads it (to cluster on). */
export function tokenEmbeddingsOf(model: string): string {
  return `${model}/weights.json#roberta.embeddings.word_embeddings.embeddings`;
}

/**
 * An allocation file: committed when it needs a trained model (`<results>/alloc/<prefix><variant>.alloc`,
 * costly to remake), scratch otherwise (`<runs>/<prefix>alloc-<variant>.alloc`).
 */
export function allocationFile(
  paths: GridPaths,
  prefix: string,
  variant: string,
  committed: boolean,
): string {
  return committed
    ? `${paths.results}/alloc/${prefix}${variant}.alloc`
    : `${paths.runs}/${prefix}alloc-${variant}.alloc`;
}

/** A pretraining run's committed metrics: `<results>/pretrain/<prefix><variant>.metrics.jsonl`. */
export function metricsFile(paths: GridPaths, prefix: string, variant: string): string {
  return `${paths.results}/pretrain/${prefix}${variant}.metrics.jsonl`;
}

/** A fine-tuning cell's committed rows: `<results>/finetune/<prefix><model>-<task or protocol>.csv`. */
export function finetuneCsv(paths: GridPaths, prefix: string, model: string, task: string): string {
  return `${paths.results}/finetune/${prefix}${model}-${task}.csv`;
}

/** A committed table or figure file: `<results>/<name>`. */
export function resultFile(paths: GridPaths, name: string): string {
  return `${paths.results}/${name}`;
}

/** A model's per-position MLM scores: `<results>/mlm/<model>.positions.csv`. */
export function mlmPositionsFile(paths: GridPaths, model: string): string {
  return resultFile(paths, `mlm/${model}.positions.csv`);
}
