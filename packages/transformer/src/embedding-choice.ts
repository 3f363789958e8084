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
 * The file form of a spec, the inverse of `resolveEmbedding` (in `@ksub/transformer/node`): a k-sub spec is named by
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
