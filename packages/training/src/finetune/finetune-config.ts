import type { SkippedRow, Task } from '@ksub/evaluation';
import type { ResultRow } from './results-csv';
import type { Selection } from './selection';

/** A fine-tuning grid: the paper's protocol (best dev score over learning rate × batch size). */
export interface FinetuneConfig {
  /** Directory of a pretrained masked LM (`saveMaskedLm`), e.g. `runs/pretrain-mini-full/model`. */
  readonly model: string;
  /** Label of the model in the results (default: the directory). */
  readonly modelLabel?: string;
  readonly task: Task;
  /**
   * Tokenizer registry name (default: the one the model's directory records, else `roberta-gpt2`,
   * for a model saved before tokenizers were recorded). When the model records one, it must be it.
   */
  readonly tokenizer?: string;
  readonly learningRates: readonly number[];
  readonly batchSizes: readonly number[];
  /** Seeds per grid cell (default [1]). */
  readonly seeds?: readonly number[];
  /** Epochs per run — the maximum, with `patience` (default 3). */
  readonly epochs?: number;
  /**
   * Early stopping: a run ends once its selection score (first evaluation, first metric) has not
   * improved for this many epochs; its best epoch is what is reported. Default: no early stopping.
   */
  readonly patience?: number;
  /**
   * How many of `seeds` (the first ones) run the whole learning-rate × batch-size grid; the other
   * seeds run only at the configuration chosen on dev by those (default: all seeds run the grid).
   */
  readonly searchSeeds?: number;
  /**
   * A split of `task` held out from every choice: scored at each run's best dev epoch, its rows
   * written with `split` set to it and its per-example predictions to `predictionsFile` (beside
   * every evaluation's predictions at that epoch, which are always written).
   */
  readonly testSplit?: string;
  /**
   * Held-out evaluations — e.g. every language's test split under a multilingual protocol — each
   * scored at every run's best dev epoch (never chosen on), its rows written under its name and
   * split and its per-example predictions saved. `testSplit` is the shorthand for one: the task's
   * own split; give one or the other.
   */
  readonly tests?: readonly Evaluation[];
  /**
   * Continue an interrupted grid: runs whose predictions were written are kept (with their rows)
   * and skipped; the rows of a run cut short are dropped and it starts again. The caller makes
   * sure the files were written with the same settings.
   */
  readonly resume?: boolean;
  /** Where the test predictions go (JSON lines; default beside `resultsCsv`, `x.predictions.jsonl`). */
  readonly predictionsFile?: string;
  /**
   * The no-pretraining control: fine-tune the same architecture and embedding (the same
   * allocation) freshly initialised from each run's seed instead of the pretrained weights.
   */
  readonly reinitialise?: boolean;
  /** Share of updates spent warming up (default 0.06, as RoBERTa). */
  readonly warmupRatio?: number;
  /** Default 0.1 (RoBERTa's fine-tuning). */
  readonly weightDecay?: number;
  /** Longest input in tokens, special tokens included (default 128). */
  readonly maxLength?: number;
  /** Split to train on (default `train`) and to score (default the first other split). */
  readonly trainSplit?: string;
  readonly evalSplit?: string;
  /**
   * What to score after each epoch (default: the task's eval split). The first evaluation picks
   * the best cell; the others are reported beside it (e.g. XNLI per language after training on
   * MNLI). Each gets its own rows, under its name.
   */
  readonly evaluations?: readonly Evaluation[];
  /**
   * Save the fine-tuned encoder here, in the masked-LM layout, so another task can start from it
   * (the paper starts RTE, STS-B and MRPC from the MNLI-fine-tuned model): the final-epoch encoder
   * of the cell whose final-epoch score (first evaluation, first metric) is best. The directory is
   * locked for the run (`lockRunDirectory`): a second run into it fails at once.
   */
  readonly saveTo?: string;
  /** Use only the first N training examples (after a seeded shuffle) — for CI-sized runs. */
  readonly maxTrainExamples?: number;
  /** Score only N examples of each evaluation (a seeded sample, the same for every cell) — for CI- and mini-sized runs. */
  readonly maxEvalExamples?: number;
  /** Results CSV the rows are appended to. */
  readonly resultsCsv: string;
  /** Show a progress bar (default true). */
  readonly progress?: boolean;
}

/** A split of a task scored after each epoch, reported under `name`. */
export interface Evaluation {
  readonly name: string;
  readonly task: Task;
  readonly split: string;
}

/** The best grid cell by the task's first metric, and the configuration chosen on dev. */
export interface FinetuneResult {
  readonly rows: readonly ResultRow[];
  /** The single best dev row (the paper's "best of the grid"). */
  readonly best: ResultRow;
  /** The learning rate and batch size chosen on dev over seeds, with every run there. */
  readonly selection: Selection;
  /** Rows the task's loader skipped in the two splits, with file, line and reason. */
  readonly skipped: readonly SkippedRow[];
}
