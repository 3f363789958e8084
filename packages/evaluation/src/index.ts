import './register';

export type { Example, LoadedSplit, MetricName, SkippedRow, Task } from './tasks/task';
export { ColumnTask } from './tasks/column-task';
export type { Column, ColumnLayout, ColumnTaskSpec } from './tasks/column-task';
export { readDelimited } from './tasks/read-delimited';
export type { DelimitedRow } from './tasks/read-delimited';
export { loadTaskSpec, taskFromSpec } from './tasks/task-from-spec';
export type { TaskSpecJson } from './tasks/task-from-spec';
export { getTask, listTasks, registerTask, unregisterTask } from './tasks/registry';
export type { TaskFactory, TaskOptions } from './tasks/registry';
export { GLUE_TASKS, glueTask } from './glue/glue-tasks';
export type { GlueTaskName } from './glue/glue-tasks';
export { XNLI_LANGUAGES, xnliTask, xnliTranslateTrain } from './glue/xnli-tasks';
export { accuracy, f1, matthewsCorrelation } from './metrics/classification-metrics';
export type { Labels } from './metrics/classification-metrics';
export { pearson, spearman } from './metrics/regression-metrics';
export { smsSpamTask } from './suites/sms-spam';
export { UCI_SENTIMENT_SOURCES, UciSentimentTask, uciSentimentDir } from './suites/uci-sentiment';
export { splitByHash } from './suites/split-by-hash';
export { computeMetric } from './metrics/compute-metric';
export { UdhrLanguageIdTask } from './suites/udhr-language-id';
export { concatTasks } from './tasks/concat-task';
export { BibleParaphraseTask } from './suites/bible-paraphrase';
export {
  LIBREOFFICE_MODULES,
  LIBREOFFICE_SUITE_LANGUAGES,
  LibreOfficeModuleTask,
} from './suites/libreoffice-module';
