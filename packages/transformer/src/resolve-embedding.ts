import { isAbsolute, join } from 'node:path';
import { loadAllocation } from '@ksub/index-mapping/node';
import type { EmbeddingChoice } from './embedding-choice';
import type { EmbeddingSpec } from './embedding-spec';

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
