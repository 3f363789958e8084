import { initBackend } from '@ksub/tensor';
import { presetConfig, type TransformerConfig } from '@ksub/transformer';

/**
 * The `tiny` preset shrunk further for specs that build and run a model in milliseconds: hidden 8,
 * 2 heads, intermediate 16, 16 positions; `fields` set the rest (vocabulary, layers) or override.
 *
 * @example
 * ```ts
 * const model = MaskedLanguageModel.fromSpec(microConfig({ vocabSize: 30, layers: 2 }), { kind: 'full' }, 2);
 * ```
 */
export function microConfig(fields: Partial<TransformerConfig>): TransformerConfig {
  return presetConfig('tiny', { hidden: 8, heads: 2, intermediate: 16, maxPositions: 16, ...fields });
}

/** Runs a spec file's tests on the WASM backend, without its start-up log. */
export function useWasmBackend(): void {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm', log: null });
  });
}
