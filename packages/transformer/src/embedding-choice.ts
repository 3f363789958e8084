import { isAbsolute, join } from 'node:path';
import { loadAllocation } from '@ksub/index-mapping/node';
import { z } from 'zod';
import type { EmbeddingSpec } from './embedding-spec';

/**
 * The schema of an {@link EmbeddingChoice}: every key known (a misspelt `rnk` is an error, not
 * ignored), `rank` a positive integer, `allocationFile` a non-empty path. Pretraining configs
 * (`PretrainConfigSchema`'s `embedding`) and saved models' `config.json` are checked against it.
 */
export const EmbeddingChoiceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('full') }),
  z.strictObject({ kind: z.literal('ksub'), allocationFile: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('factorized'),
    rank: z.number().int().min(1),
    bias: z.boolean().optional(),
  }),
]);

/**
 * An {@link EmbeddingSpec} as written in a file (a pretraining config, a saved model's
 * `config.json`): the same kinds, but a k-sub allocation is named by its file (in
 * `@ksub/index-mapping`'s allocation format), relative to a directory or absolute.
 * {@link resolveEmbedding} turns it into the spec.
 */
export type EmbeddingChoice = Readonly<z.infer<typeof EmbeddingChoiceSchema>>;

/**
 * The in-memory spec of a file-form embedding choice: a k-sub allocation is read from
 * `choice.allocationFile`, resolved against `dir` unless absolute; a factorized choice's `bias`
 * defaults to false.
 *
 * @param dir - what a relative `allocationFile` is relative to (a saved model's directory; the
 *   working directory for a pretraining config)
 * @throws the file system's error naming the allocation file when it cannot be read; FormatError
 *   naming it when it is truncated or corrupt; TypeError naming `choice.kind` when it is unknown.
 * @example
 * ```ts
 * const spec = await resolveEmbedding({ kind: 'ksub', allocationFile: 'allocation.ksub' }, 'runs/mini/model');
 * const model = MaskedLanguageModel.fromSpec(presetConfig('mini'), spec, 1);
 * ```
 */
export async function resolveEmbedding(choice: EmbeddingChoice, dir: string): Promise<EmbeddingSpec> {
  switch (choice.kind) {
    case 'full':
      return { kind: 'full' };
    case 'ksub': {
      const file = choice.allocationFile;
      return { kind: 'ksub', allocation: await loadAllocation(isAbsolute(file) ? file : join(dir, file)) };
    }
    case 'factorized':
      return { kind: 'factorized', rank: choice.rank, bias: choice.bias ?? false };
    default:
      throw new TypeError(
        `resolveEmbedding: choice.kind must be full, ksub or factorized; got ${JSON.stringify((choice as { kind: unknown }).kind)}`,
      );
  }
}

/**
 * The file form of a spec, the inverse of {@link resolveEmbedding}: a k-sub spec is named by
 * `allocationFile`, where the caller writes its allocation; a factorized spec records `bias`
 * (false when unset).
 *
 * @throws TypeError naming `spec.kind` when it is unknown.
 * @example
 * ```ts
 * embeddingChoice({ kind: 'factorized', rank: 64 }, 'allocation.ksub'); // { kind: 'factorized', rank: 64, bias: false }
 * ```
 */
export function embeddingChoice(spec: EmbeddingSpec, allocationFile: string): EmbeddingChoice {
  switch (spec.kind) {
    case 'ksub':
      return { kind: 'ksub', allocationFile };
    case 'factorized':
      return { kind: 'factorized', rank: spec.rank, bias: spec.bias ?? false };
    case 'full':
      return { kind: 'full' };
    default:
      throw new TypeError(
        `embeddingChoice: spec.kind must be full, ksub or factorized; got ${JSON.stringify((spec as { kind: unknown }).kind)}`,
      );
  }
}
