import { assert, describe } from '@ksub/core';
import { readSavedModelConfig } from '@ksub/transformer/node';

/** Tokenizer of a model whose directory records none (saved before they were recorded): the old default. */
export const LEGACY_TOKENIZER = 'roberta-gpt2';

/**
 * The tokenizer to fine-tune a saved model with: `requested`, which must be the one the model's
 * `config.json` records when it records one; else the recorded one; else {@link LEGACY_TOKENIZER}.
 *
 * @param modelDir - a directory written by `saveMaskedLm`
 * @param requested - the tokenizer the caller asked for, if any
 * @throws RangeError when `requested` differs from the model's; the errors of
 *   `readSavedModelConfig` (a missing directory, a corrupt config.json), naming the file.
 * @example
 * ```ts
 * const name = await modelTokenizer('runs/pretrain-mini-full/model', undefined); // e.g. 'roberta-gpt2'
 * ```
 */
export async function modelTokenizer(
  modelDir: string,
  requested: string | undefined,
  fn = 'finetune',
): Promise<string> {
  const recorded = (await readSavedModelConfig(modelDir)).tokenizer;
  assert(
    requested === undefined || recorded === undefined || requested === recorded,
    () =>
      `${fn}: tokenizer must be the one ${modelDir} was trained with (${JSON.stringify(recorded)}); got ${describe(requested)}`,
    RangeError,
  );
  return requested ?? recorded ?? LEGACY_TOKENIZER;
}

/**
 * The one tokenizer several saved models share (a figure compares their hidden states on the same
 * token ids): what they record, {@link LEGACY_TOKENIZER} for models that record none.
 *
 * @param fn - the caller, first word of the message
 * @throws RangeError naming two models that were trained with different tokenizers
 * @example
 * ```ts
 * await sharedTokenizer(['runs/a/model', 'runs/b/model'], 'fig3'); // 'roberta-gpt2'
 * ```
 */
export async function sharedTokenizer(modelDirs: readonly string[], fn: string): Promise<string> {
  let first: { dir: string; name: string } | undefined;
  for (const dir of modelDirs) {
    const name = await modelTokenizer(dir, undefined, fn);
    first ??= { dir, name };
    assert(
      name === first.name,
      () =>
        `${fn}: the models must share one tokenizer; ${first?.dir} has ${first?.name}, ${dir} has ${name}`,
      RangeError,
    );
  }
  return first?.name ?? LEGACY_TOKENIZER;
}
