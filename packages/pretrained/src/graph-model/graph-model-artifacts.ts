/**
 * One weight of a graph model as TF.js lists it (`tf.io.WeightsManifestEntry`, the dtypes this
 * package reads). Declared here, not imported, so that `@ksub/pretrained` never loads TF.js; the
 * field types are those of TF.js, so a value of this type is a TF.js weight spec.
 *
 * @example
 * ```ts
 * const spec: GraphWeightSpec = { name: 'module/Embeddings_en', shape: [8002, 256], dtype: 'float32' };
 * ```
 */
export interface GraphWeightSpec {
  /** Weight name, e.g. `module/Embeddings_en`. */
  name: string;
  /** Shape, outermost first. */
  shape: number[];
  /** Type of the stored values (of the dequantized values when `quantization` is set). */
  dtype: 'float32' | 'int32' | 'bool';
  /** Present when the values are stored quantized: value = min + scale · stored (float16: as is). */
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number };
}

/**
 * What TF.js's `loadGraphModel` reads from an IO handler: the graph-model fields of
 * `tf.io.ModelArtifacts`, with every shard of `model.json`'s `weightsManifest` joined into one
 * `weightData` buffer in manifest order (as TF.js's own HTTP and file handlers do). Declared with
 * TF.js's field types, so these artifacts can be handed to `loadGraphModel` through
 * {@link graphModelHandler} or `tf.io.fromMemory`.
 *
 * @example
 * ```ts
 * const { artifacts } = await readGraphModelFiles(modelJson);
 * const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
 * ```
 */
export interface GraphModelArtifacts {
  /** The graph (`{ node, library, versions }`), as in `model.json`. */
  modelTopology: Record<string, unknown>;
  /** Every weight, in the order their bytes follow each other in `weightData`. */
  weightSpecs: GraphWeightSpec[];
  /** The bytes of all weights, little-endian, back to back. */
  weightData: ArrayBuffer;
  /** `model.json`'s `format` (`graph-model`), when present. */
  format?: string;
  /** `model.json`'s `generatedBy`, when present. */
  generatedBy?: string;
  /** `model.json`'s `convertedBy`, when present. */
  convertedBy?: string | null;
  /** `model.json`'s `signature` (named inputs and outputs), when present. */
  signature?: Record<string, unknown>;
  /** `model.json`'s `userDefinedMetadata`, when present. */
  userDefinedMetadata?: Record<string, NonNullable<unknown>>;
  /** `model.json`'s `modelInitializer` (hash-table initialisation graph), when present. */
  modelInitializer?: Record<string, unknown>;
  /** `model.json`'s `initializerSignature`, when present. */
  initializerSignature?: Record<string, unknown>;
}

/**
 * A graph model read from a local `model.json`: its artifacts and the path they came from, so
 * that every later error can name the file.
 *
 * @example
 * ```ts
 * const files: GraphModelFiles = await readGraphModelFiles('models/use-lite/model.json');
 * files.path; // 'models/use-lite/model.json'
 * ```
 */
export interface GraphModelFiles {
  /** The `model.json` the artifacts were read from. */
  readonly path: string;
  /** The artifacts, ready for `loadGraphModel`. */
  readonly artifacts: GraphModelArtifacts;
}
