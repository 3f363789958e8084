import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIBREOFFICE_HELP_LANGUAGES, LIBREOFFICE_HELP_ROOT } from '@ksub/datasets';
import {
  getTask,
  LIBREOFFICE_SUITE_LANGUAGES,
  loadTaskSpec,
  type Task,
  XNLI_LANGUAGES,
} from '@ksub/evaluation';
import { type Evaluation, libreOfficeProtocol, xnliProtocol } from '@ksub/training';
import { z } from 'zod';

const languages = z.array(z.string().min(1)).min(1).readonly().optional();

/**
 * A multilingual protocol (Table 4): the LibreOffice-help suite (offline) or XNLI (files under
 * `data/`), cross-lingual transfer or training on every language; `languages` to report (default:
 * all the suite has).
 */
export const ProtocolSchema = z.discriminatedUnion('suite', [
  z.strictObject({
    suite: z.literal('libreoffice'),
    name: z.enum(['cross-lingual', 'train-all']),
    languages,
  }),
  z.strictObject({
    suite: z.literal('xnli'),
    name: z.enum(['cross-lingual', 'translate-train-all']),
    languages,
  }),
]);

/** Where XNLI's files are (defaults under `data/`). */
export const XnliDataSchema = z.strictObject({
  glueDir: z.string().min(1).default('data/glue_data'),
  xnliDir: z.string().min(1).default('data/XNLI-1.0'),
  xnliMtDir: z.string().min(1).default('data/XNLI-MT-1.0'),
});

/** What is fine-tuned and scored: one of a registered task, a task spec file, or a protocol. */
export interface TaskChoice {
  /** Registered task (`uci-sentiment`, `sst2`). */
  readonly task?: string | undefined;
  /** A task spec JSON file. */
  readonly taskSpec?: string | undefined;
  /** With `task`: the directory of its files (GLUE's). */
  readonly dataDir?: string | undefined;
  readonly protocol?: z.infer<typeof ProtocolSchema> | undefined;
  readonly xnliData?: z.infer<typeof XnliDataSchema> | undefined;
  /** With a protocol: the held-out split of every language (default `test`, the suites' only one). */
  readonly testSplit?: string | undefined;
}

/** The training task, and for a protocol its selection evaluation, held-out evaluations and training split. */
export interface FinetuneSetup {
  readonly task: Task;
  readonly evaluations?: readonly Evaluation[];
  readonly tests?: readonly Evaluation[];
  readonly trainSplit?: string;
}

/** The LibreOffice help directories a protocol needs that are not installed. */
function missingHelp(wanted: readonly string[]): string[] {
  const dirs = new Map<string, string>(Object.entries(LIBREOFFICE_HELP_LANGUAGES));
  return ['en', ...wanted]
    .map((l) => dirs.get(l))
    .filter((dir): dir is string => dir !== undefined)
    .map((dir) => join(LIBREOFFICE_HELP_ROOT, dir))
    .filter((path) => !existsSync(path));
}

/**
 * Resolves a task choice to what `finetune` trains and scores: for a protocol, the training task,
 * the dev split that selects and every language's held-out split. Resolves undefined — nothing to
 * run — when a LibreOffice protocol's offline data is not installed, after saying how to install it.
 */
export async function finetuneSetup(choice: TaskChoice): Promise<FinetuneSetup | undefined> {
  const { protocol } = choice;
  if (protocol?.suite === 'libreoffice') {
    const missing = missingHelp(protocol.languages ?? LIBREOFFICE_SUITE_LANGUAGES);
    if (missing.length > 0) {
      process.stderr.write(
        `finetune: LibreOffice help is not installed (${missing.join(', ')}); run npx nx run evaluation:setup-debian. Cell left undone.\n`,
      );
      return undefined;
    }
    return libreOfficeProtocol(protocol.name, {
      ...(protocol.languages === undefined ? {} : { languages: protocol.languages }),
      ...(choice.testSplit === undefined ? {} : { testSplit: choice.testSplit }),
    });
  }
  if (protocol?.suite === 'xnli') {
    const dirs = XnliDataSchema.parse(choice.xnliData ?? {});
    return xnliProtocol(protocol.name, {
      ...dirs,
      languages: protocol.languages ?? XNLI_LANGUAGES,
      ...(choice.testSplit === undefined ? {} : { testSplit: choice.testSplit }),
    });
  }
  if (choice.taskSpec !== undefined) return { task: await loadTaskSpec(choice.taskSpec) };
  if (choice.task !== undefined)
    return { task: getTask(choice.task, choice.dataDir === undefined ? {} : { dataDir: choice.dataDir }) };
  throw new TypeError('finetune: one of task, taskSpec or protocol must be given; got none');
}
