import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LIBREOFFICE_HELP_LANGUAGES, LIBREOFFICE_HELP_ROOT } from '@ksub/datasets';
import { getTask, type Task } from '@ksub/evaluation';
import {
  type Evaluation,
  finetune,
  libreOfficeProtocol,
  type SuiteProtocol,
  xnliProtocol,
  type XnliProtocol,
} from '@ksub/training';
import type { Args } from './common';

/** A Table 4 cell's protocol: which suite, which of its two protocols, which languages. */
interface ProtocolArgs {
  readonly suite: 'libreoffice' | 'xnli';
  readonly name: string;
  readonly languages: readonly string[];
}

/** The LibreOffice help directories a protocol needs that are not installed. */
function missingHelp(languages: readonly string[]): string[] {
  return ['en', ...languages]
    .map((l) => LIBREOFFICE_HELP_LANGUAGES[l as keyof typeof LIBREOFFICE_HELP_LANGUAGES])
    .filter((dir): dir is NonNullable<typeof dir> => dir !== undefined)
    .map((dir) => join(LIBREOFFICE_HELP_ROOT, dir))
    .filter((path) => !existsSync(path));
}

/**
 * Fine-tunes a pretrained model on one task (Tables 2, 3, seed 001) or under a multilingual
 * protocol (Table 4), writing the cell's CSV afresh. Returns false — the cell is not done — when a
 * protocol's offline data is not installed, after saying how to install it.
 */
export async function finetuneCell(a: Args): Promise<boolean> {
  const out = a['out'] as string;
  const protocol = a['protocol'] as ProtocolArgs | undefined;
  let setup: { task: Task; evaluations?: readonly Evaluation[]; trainSplit?: string };
  if (protocol === undefined) setup = { task: getTask(a['task'] as string) };
  else if (protocol.suite === 'libreoffice') {
    const missing = missingHelp(protocol.languages);
    if (missing.length > 0) {
      process.stderr.write(
        `finetune: LibreOffice help is not installed (${missing.join(', ')}); run npx nx run evaluation:setup-debian. Cell left undone.\n`,
      );
      return false;
    }
    setup = libreOfficeProtocol(protocol.name as SuiteProtocol, protocol.languages);
  } else {
    const dirs = (a['xnliData'] as Record<string, string> | undefined) ?? {};
    setup = xnliProtocol(protocol.name as XnliProtocol, {
      glueDir: dirs['glueDir'] ?? 'data/glue_data',
      xnliDir: dirs['xnliDir'] ?? 'data/XNLI-1.0',
      xnliMtDir: dirs['xnliMtDir'] ?? 'data/XNLI-MT-1.0',
      languages: protocol.languages,
    });
  }
  await rm(out, { force: true }); // this cell's own rows only, written afresh
  await finetune({
    model: a['model'] as string,
    modelLabel: a['label'] as string,
    ...setup,
    ...(a['tokenizer'] === undefined ? {} : { tokenizer: a['tokenizer'] as string }),
    learningRates: a['learningRates'] as number[],
    batchSizes: a['batchSizes'] as number[],
    epochs: a['epochs'] as number,
    ...(a['maxTrain'] === undefined ? {} : { maxTrainExamples: a['maxTrain'] as number }),
    ...(a['maxEval'] === undefined ? {} : { maxEvalExamples: a['maxEval'] as number }),
    resultsCsv: out,
  });
  return true;
}
