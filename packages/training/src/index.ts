export { AdamW } from './adamw';
export type { AdamWOptions, OptimizedParameter } from './adamw';
export { linearWarmupDecay } from './schedule';
export { clipByGlobalNorm } from './clip-gradients';
export {
  CHECKPOINT_DIR,
  checkpointDir,
  checkpointJson,
  listCheckpoints,
  readCheckpoint,
  removeDeadWriters,
  writeCheckpoint,
} from './checkpoint';
export type { CheckpointFile, CheckpointManifest, CheckpointRef } from './checkpoint';
export { PretrainConfigSchema, pretrainConfigHash, resolvePretrainConfig } from './pretrain/pretrain-config';
export type { EmbeddingChoice, PretrainConfig, ResolvedPretrainConfig } from './pretrain/pretrain-config';
export { DataOrder, mixSeed } from './pretrain/data-order';
export { MetricsLog, readMetrics } from './pretrain/metrics-log';
export { pretrain } from './pretrain/pretrain';
export type { PretrainOptions, PretrainResult } from './pretrain/pretrain';
export { mlmLoss, TRAIN_STEP_DEFAULTS, trainStep } from './pretrain/train-step';
export type { StepResult, TrainStepOptions } from './pretrain/train-step';
export {
  loadRunCheckpoint,
  loadRunWeights,
  RUN_CHECKPOINT_FILES,
  saveRunCheckpoint,
} from './pretrain/run-checkpoint';
export type { RunCheckpoint, RunState } from './pretrain/run-checkpoint';
export { evaluateMlm } from './pretrain/evaluate-mlm';
export type { MlmEvaluationOptions, MlmScore } from './pretrain/evaluate-mlm';
export { validationBatches } from './pretrain/evaluate-mlm';
export type { ValidationBatch } from './pretrain/evaluate-mlm';
export { evaluateMlmPositions } from './mlm-positions/mlm-positions';
export type { MlmPositions, MlmPositionsOptions } from './mlm-positions/mlm-positions';
export { loadPretrainValidation } from './mlm-positions/pretrain-validation';
export type { PretrainValidation } from './mlm-positions/pretrain-validation';
export {
  formatPositionsCsv,
  parsePositionsCsv,
  POSITION_COLUMNS,
  readPositionsCsv,
  writePositionsCsv,
} from './mlm-positions/positions-csv';
export { pairPositions } from './mlm-positions/pair-positions';
export type { PositionPairs } from './mlm-positions/pair-positions';
export { UnigramBaseline } from './pretrain/unigram';
export { finetune } from './finetune/finetune';
export type { FinetuneConfig, FinetuneResult } from './finetune/finetune-config';
export { appendResults, readResultRows, RESULT_COLUMNS } from './finetune/results-csv';
export type { ResultRow } from './finetune/results-csv';
export { bestIndex, runBests, selectConfiguration, shouldStop } from './finetune/selection';
export type { RunBest, RunKey, Selection } from './finetune/selection';
export {
  appendPredictions,
  examplesFingerprint,
  predictionsPathFor,
  readPredictions,
  RunPredictionsSchema,
} from './finetune/predictions-file';
export type { RunPredictions } from './finetune/predictions-file';
export { collateSequences, encodeExamples } from './finetune/encode-examples';
export type { Evaluation } from './finetune/finetune-config';
export { xnliProtocol } from './finetune/xnli-protocols';
export type { XnliData, XnliProtocol } from './finetune/xnli-protocols';
export { libreOfficeProtocol } from './finetune/suite-protocols';
export type { LibreOfficeProtocolOptions, SuiteProtocol } from './finetune/suite-protocols';
export { evaluationSample, trainingSample } from './finetune/sample-examples';
export { LEGACY_TOKENIZER, modelTokenizer, sharedTokenizer } from './finetune/model-tokenizer';
