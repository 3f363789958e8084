import * as tf from '@tensorflow/tfjs-core';
import { FormatError } from '@ksub/core';
import { assignParameters, encodeParameters, type ParameterSet } from '@ksub/transformer';
import type { AdamW } from '../adamw';
import { checkpointJson, readCheckpoint, writeCheckpoint } from '../checkpoint';

/** What a pretraining run records beside its weights and moments (`state.json`). */
export interface RunState {
  /** Updates done. */
  readonly step: number;
  readonly samplesSeen: number;
  readonly epoch: number;
  /** Lines of metrics.jsonl written up to this step; a resumed run cuts the file back to them. */
  readonly metricsLines: number;
  /** SHA-256 of the resolved config without outDir (`pretrainConfigHash`). */
  readonly configSha256: string;
  /** Derived from (seed, step): recorded so a reader can check the data position and streams. */
  readonly nextCollatorSeed: number;
  readonly nextDropoutSeed: number;
}

/**
 * The files of a run checkpoint: weights (`model.bin`, TF.js weights format, with its specs in
 * `model.json`), AdamW moments (`optimizer.bin` / `optimizer.json`, named `<param>.exp_avg` and
 * `<param>.exp_avg_sq`) and the {@link RunState} (`state.json`).
 */
export const RUN_CHECKPOINT_FILES: readonly string[] = Object.freeze([
  'model.bin',
  'model.json',
  'optimizer.bin',
  'optimizer.json',
  'state.json',
]);

/** What {@link saveRunCheckpoint} writes and {@link loadRunCheckpoint} reads back into. */
export interface RunCheckpoint {
  /** The model's weights. */
  readonly params: ParameterSet;
  /** Its optimizer, whose moments are saved and restored. */
  readonly optimizer: AdamW;
}

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/**
 * Writes the checkpoint of `state.step` into `runDir` atomically (`writeCheckpoint`: checksummed
 * manifest, temporary directory renamed into place), keeping the newest `keep`.
 *
 * @returns the checkpoint's directory
 * @example
 * ```ts
 * await saveRunCheckpoint('runs/mini', { params: model.params, optimizer }, state, 3);
 * ```
 */
export async function saveRunCheckpoint(
  runDir: string,
  { params, optimizer }: RunCheckpoint,
  state: RunState,
  keep: number,
): Promise<string> {
  const weights = await encodeParameters(params);
  const momentTensors = optimizer.stateTensors();
  const moments = await tf.io
    .encodeWeights(momentTensors)
    .finally(() => tf.dispose(momentTensors.map((s) => s.tensor)));
  return writeCheckpoint(
    runDir,
    state.step,
    [
      { name: 'model.bin', data: weights.data },
      { name: 'model.json', data: json(weights.specs) },
      { name: 'optimizer.bin', data: new Uint8Array(moments.data) },
      { name: 'optimizer.json', data: json(moments.specs) },
      { name: 'state.json', data: json(state) },
    ],
    keep,
  );
}

/** A checkpoint's file, or a FormatError naming it. */
function checkpointFile(path: string, files: ReadonlyMap<string, Uint8Array>, name: string): Uint8Array {
  const data = files.get(name);
  if (data === undefined) throw new FormatError(`checkpoint ${path}: ${name} is missing`);
  return data;
}

/**
 * Reads `files` of the checkpoint at `path` (each verified against its manifest), refusing one
 * written by a run of another config than `configSha256`, and assigns its weights to `params`.
 */
async function readRunWeights(
  path: string,
  names: readonly string[],
  params: ParameterSet,
  configSha256: string,
): Promise<{ state: RunState; files: ReadonlyMap<string, Uint8Array>; weightsSha256: string }> {
  const { manifest, files } = await readCheckpoint(path, names);
  const state = checkpointJson<RunState>(path, files, 'state.json');
  if (state.configSha256 !== configSha256)
    throw new FormatError(
      `pretrain: checkpoint ${path} was written by a run with another config (config hash ${state.configSha256}; expected ${configSha256})`,
    );
  const specs = checkpointJson<tf.io.WeightsManifestEntry[]>(path, files, 'model.json');
  assignParameters(params, checkpointFile(path, files, 'model.bin'), specs, `${path}/model.bin`);
  const weightsSha256 = manifest.files.find((f) => f.name === 'model.bin')?.sha256 ?? '';
  return { state, files, weightsSha256 };
}

/**
 * Reads only the weights of the run checkpoint at `path` into `params` (no optimizer): what a
 * learning-curve snapshot keeps of a run at some update.
 *
 * @returns the checkpoint's run state and the SHA-256 of its weights file, as its manifest lists it
 * @throws FormatError naming the checkpoint when a file is missing, truncated or corrupt, when it
 *   was written with another config (nothing is assigned then), or when its weights do not fit
 * @example
 * ```ts
 * const { state } = await loadRunWeights('runs/mini/curve-full/checkpoints/step-000002000', model.params, hash);
 * ```
 */
export async function loadRunWeights(
  path: string,
  params: ParameterSet,
  configSha256: string,
): Promise<{ state: RunState; weightsSha256: string }> {
  const { state, weightsSha256 } = await readRunWeights(
    path,
    ['model.bin', 'model.json', 'state.json'],
    params,
    configSha256,
  );
  return { state, weightsSha256 };
}

/**
 * Reads the checkpoint at `path` (every file verified against its manifest) into `target`: the
 * weights are assigned by name and the optimizer's moments and step restored — but only when the
 * checkpoint was written by a run of the config whose hash is `configSha256`.
 *
 * @returns the checkpoint's run state
 * @throws FormatError naming the checkpoint when a file is missing, truncated or corrupt, when it
 *   was written with another config (nothing is assigned then), or when its weights do not fit
 *   the model.
 */
export async function loadRunCheckpoint(
  path: string,
  { params, optimizer }: RunCheckpoint,
  configSha256: string,
): Promise<RunState> {
  const { state, files } = await readRunWeights(path, RUN_CHECKPOINT_FILES, params, configSha256);
  const moments = checkpointFile(path, files, 'optimizer.bin');
  const decoded = tf.io.decodeWeights(
    moments.buffer.slice(moments.byteOffset, moments.byteOffset + moments.byteLength) as ArrayBuffer,
    checkpointJson<tf.io.WeightsManifestEntry[]>(path, files, 'optimizer.json'),
  );
  try {
    optimizer.restore(state.step, decoded);
  } finally {
    tf.dispose(Object.values(decoded));
  }
  return state;
}
