import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';
import type { MaskedLanguageModel } from '@ksub/transformer';
import { loadSavedMaskedLm, saveMaskedLm } from '@ksub/transformer/node';

/** The checksum file of a kept model (`sha256sum -c` reads it). */
export const CHECKSUMS_FILE = 'SHA256SUMS';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Keeps a pretrained model in the repository: loads the run's saved model and saves it again in
 * float16 (half the bytes; TF.js's standard float16 quantization, read back by `loadMaskedLm`)
 * with a `SHA256SUMS` of every file. Resolves the bytes written.
 *
 * @example
 * ```ts
 * await keepModel('runs/mini/pretrain-full/model', 'docs/results/mini/models/full');
 * ```
 */
export async function keepModel(source: string, dest: string): Promise<number> {
  const { model, tokenizer } = await loadSavedMaskedLm(source);
  try {
    return await keepLoadedModel(model, tokenizer ?? 'roberta-gpt2', dest);
  } finally {
    model.dispose();
  }
}

/**
 * Keeps a model in memory as {@link keepModel} keeps a saved one: float16 weights and a
 * `SHA256SUMS` of every file in `dest` (a learning-curve snapshot, built from a run checkpoint).
 * Resolves the bytes written; the model stays the caller's to dispose.
 *
 * @param tokenizer - registry name of the tokenizer it was trained with, recorded in its config
 * @example
 * ```ts
 * await keepLoadedModel(model, 'roberta-gpt2', 'docs/results/mini/models/curve-radix-k3-u1000');
 * ```
 */
export async function keepLoadedModel(
  model: MaskedLanguageModel,
  tokenizer: string,
  dest: string,
): Promise<number> {
  await saveMaskedLm(dest, model, { tokenizer, dtype: 'float16' });
  const files = (await readdir(dest)).filter((f) => f !== CHECKSUMS_FILE).sort();
  let bytes = 0;
  const lines: string[] = [];
  for (const f of files) {
    const data = await readFile(join(dest, f));
    bytes += data.length;
    lines.push(`${sha256(data)}  ${f}`);
  }
  await writeFileAtomic(join(dest, CHECKSUMS_FILE), `${lines.join('\n')}\n`);
  return bytes;
}

/**
 * Checks a kept model's files against its `SHA256SUMS` (a clone that lost a file, or Git LFS
 * pointers in place of the bytes, fails here rather than as odd numbers later).
 *
 * @throws FormatError naming the first file that is missing or differs
 * @example
 * ```ts
 * await verifyKeptModel('docs/results/mini/models/full');
 * ```
 */
export async function verifyKeptModel(dir: string): Promise<void> {
  const listed = (await readFile(join(dir, CHECKSUMS_FILE), 'utf8')).trim().split('\n');
  for (const line of listed) {
    const [hash, file] = line.split(/ {2}/);
    if (hash === undefined || file === undefined)
      throw new FormatError(
        `${join(dir, CHECKSUMS_FILE)}: a line must be "<sha256>  <file>"; got ${JSON.stringify(line)}`,
      );
    let data: Buffer;
    try {
      data = await readFile(join(dir, file));
    } catch {
      throw new FormatError(`${join(dir, file)}: listed in ${CHECKSUMS_FILE} but missing`);
    }
    if (sha256(data) !== hash)
      throw new FormatError(
        `${join(dir, file)}: checksum differs from ${CHECKSUMS_FILE} (corrupt, or a Git LFS pointer)`,
      );
  }
}
