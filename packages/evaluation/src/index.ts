import './register';

export type { Example, LoadedSplit, MetricName, SkippedRow, Task } from './tasks/task';
export { ColumnTask } from './tasks/column-task';
export type { Column, ColumnLayout, ColumnTaskSpec } from './tasks/column-task';
export { readDelimited } from './tasks/read-delimited';
export type { DelimitedRecord, DelimitedRow, MalformedRecord } from './tasks/read-delimited';
export { CSV_FORMAT, formatForFile, TSV_FORMAT } from './tasks/delimited-format';
export type { DelimitedFormat } from './tasks/delimited-format';
export { parseDecimal } from './tasks/parse-decimal';
export { loadTaskSpec, taskFromSpec } from './tasks/task-from-spec';
export { TaskSpecSchema } from './tasks/task-spec-schema';
export type { TaskSpecJson } from './tasks/task-spec-schema';
export { getTask, listTasks, registerTask, unregisterTask } from './tasks/registry';
export type { TaskFactory, TaskOptions } from './tasks/registry';
export { GLUE_TASKS, glueTask } from './glue/glue-tasks';
export type { GlueTaskName } from './glue/glue-tasks';
// one list of the 15 languages, in the XNLI paper's order: @ksub/datasets' own
export { XNLI_LANGUAGES } from '@ksub/datasets';
export { xnliTask, xnliTranslateTrain } from './glue/xnli-tasks';
export { accuracy, f1, matthewsCorrelation } from './metrics/classification-metrics';
export type { Labels } from './metrics/classification-metrics';
export { pearson, spearman } from './metrics/regression-metrics';
export { smsSpamTask } from './suites/sms-spam';
export { UCI_SENTIMENT_SOURCES, UciSentimentTask, uciSentimentDir } from './suites/uci-sentiment';
export { splitByHash } from './suites/split-by-hash';
export { computeMetric } from './metrics/compute-metric';
export { UdhrLanguageIdTask } from './suites/udhr-language-id';
export { concatTasks } from './tasks/concat-task';
export { loadNonEmpty } from './tasks/load-non-empty';
export { listSkipped } from './tasks/skipped-rows';
export { BibleParaphraseTask } from './suites/bible-paraphrase';
export {
  LIBREOFFICE_MODULES,
  LIBREOFFICE_SUITE_LANGUAGES,
  LibreOfficeModuleTask,
} from './suites/libreoffice-module';
export { libreOfficeHeldOutPages, libreOfficeSplits, paragraphKeys } from './suites/libreoffice-splits';
export type { LibreOfficeSplit } from './suites/libreoffice-splits';
export { meanInterval, tQuantile975 } from './statistics/mean-interval';
export type { MeanInterval } from './statistics/mean-interval';
export { bootstrapInterval, pairedDifference } from './statistics/paired-bootstrap';
export type { BootstrapInterval, BootstrapOptions } from './statistics/paired-bootstrap';
export { pairedAucDifference, rocAuc, rocAucInterval } from './statistics/roc-auc';
export { meanCosine, rowCosines } from './statistics/mean-cosine';
export { mcnemar } from './statistics/mcnemar';
export type { McNemarResult } from './statistics/mcnemar';
export { normalizeText, stratifiedSplit } from './splits/stratified-split';
export type { SplitFractions, SplitItem } from './splits/stratified-split';
export { resplitTask } from './splits/resplit-task';
export type { ResplitOptions } from './splits/resplit-task';
export { SUITE_SPLIT_FRACTIONS } from './splits/suite-fractions';
export { majorityClass, modeOf } from './baselines/majority-class';
export { bagOfWordsFeatures, bagOfWordsVocabulary, tokenizeWords } from './baselines/bag-of-words';
export type { BagOfWordsOptions } from './baselines/bag-of-words';
export type { SparseRows } from './baselines/sparse-rows';
export { denseRows, isDenseRows } from './baselines/dense-rows';
export type { DenseRows } from './baselines/dense-rows';
export { applyStandardizer, fitStandardizer } from './baselines/standardize';
export type { Standardizer } from './baselines/standardize';
export { minimizeLbfgs } from './baselines/lbfgs';
export type { LbfgsOptions, LbfgsResult } from './baselines/lbfgs';
export { fitLogisticRegression, predictLogisticRegression } from './baselines/logistic-regression';
export type { LogisticRegressionModel, LogisticRegressionOptions } from './baselines/logistic-regression';
export { bagOfWordsBaseline, DEFAULT_L2_GRID } from './baselines/bag-of-words-baseline';
export type {
  BagOfWordsBaselineOptions,
  BagOfWordsBaselineResult,
  BaselineMetric,
} from './baselines/bag-of-words-baseline';
export { vectorProbe } from './baselines/vector-probe';
export type {
  VectorProbeOptions,
  VectorProbeResult,
  VectorProbeSplits,
  VectorSplit,
} from './baselines/vector-probe';
