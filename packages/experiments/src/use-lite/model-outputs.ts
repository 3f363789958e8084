import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@ksub/core/node';

/**
 * A model's per-example outputs, kept beside the study's results so that any two models can be
 * compared paired on the same examples: per-sentence cosine to the original model's vector, test
 * predictions per probe task, and per-pair paraphrase cosines.
 */
export interface ModelOutputs {
  readonly method: string;
  readonly ratio: number;
  readonly sentenceCosines?: readonly number[];
  readonly predictions: Readonly<Record<string, readonly number[]>>;
  readonly pairScores?: readonly number[];
}

const round = (values: ArrayLike<number>) => Array.from(values, (v) => Number(v.toPrecision(7)));

/** Path of a model's outputs file in a study directory. */
export const outputsPath = (dir: string, method: string, ratio: number) =>
  join(dir, 'outputs', `${method}@${ratio}.json`);

/** Writes a model's outputs (atomically; values to 7 significant digits). */
export async function writeModelOutputs(dir: string, outputs: ModelOutputs): Promise<void> {
  const body = {
    method: outputs.method,
    ratio: outputs.ratio,
    ...(outputs.sentenceCosines ? { sentenceCosines: round(outputs.sentenceCosines) } : {}),
    predictions: outputs.predictions,
    ...(outputs.pairScores ? { pairScores: round(outputs.pairScores) } : {}),
  };
  await writeFileAtomic(outputsPath(dir, outputs.method, outputs.ratio), JSON.stringify(body) + '\n');
}

/**
 * Reads a model's outputs, or `undefined` when the study has none for it.
 * @throws SyntaxError naming the file when it is not JSON
 */
export async function readModelOutputs(
  dir: string,
  method: string,
  ratio: number,
): Promise<ModelOutputs | undefined> {
  const path = outputsPath(dir, method, ratio);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as ModelOutputs;
  } catch {
    throw new SyntaxError(`readModelOutputs: ${path} is not JSON`);
  }
}
