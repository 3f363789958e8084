import { MaskedLanguageModel, presetConfig } from '@ksub/transformer';
import { saveMaskedLm } from '@ksub/transformer/node';

/**
 * Saves the `tiny` preset with a full embedding (seed 1) to `path`, the model fine-tuning specs
 * start from. Without `tokenizer` it is saved as models were before they recorded one.
 *
 * @returns `path`
 */
export async function saveTinyModel(path: string, tokenizer?: string): Promise<string> {
  const model = MaskedLanguageModel.fromSpec(presetConfig('tiny'), { kind: 'full' }, 1);
  try {
    if (tokenizer === undefined) await saveMaskedLm(path, model);
    else await saveMaskedLm(path, model, { tokenizer });
  } finally {
    model.dispose();
  }
  return path;
}
