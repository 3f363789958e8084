import { publishDirectory } from '@ksub/core/node';
import { assertReplaceable, inspectCorpusTarget } from './corpus-target';

const isCorpus = async (dir: string): Promise<boolean> => (await inspectCorpusTarget(dir)).kind === 'corpus';

/**
 * Moves a finished corpus from `staging` to `outDir`, replacing only what may be replaced: what
 * is there is inspected again (packing takes time) and must pass `assertReplaceable` (nothing, an
 * empty directory, or — with `force` — a ksub corpus); then `publishDirectory` from `@ksub/core`
 * does the move, re-checking the old corpus after moving it aside and putting it back on any
 * failure, so nothing but the corpus being replaced is ever deleted.
 *
 * @param fn - the caller, first word of error messages
 * @throws Error naming `outDir` when what is there may not be replaced, or a move fails
 * @example
 * ```ts
 * await installCorpus('packCorpus', 'data/en.tmp-4242-9f3a0c1e', 'data/en', true);
 * ```
 */
export async function installCorpus(
  fn: string,
  staging: string,
  outDir: string,
  force: boolean,
): Promise<void> {
  assertReplaceable(fn, outDir, await inspectCorpusTarget(outDir), force);
  await publishDirectory(staging, outDir, { fn, what: 'a ksub corpus', owns: isCorpus });
}
