import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { FormatError } from '@ksub/core';
import { KSubEmbedding } from '@ksub/embedding';
import { getAllocator } from '@ksub/index-mapping';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel } from './masked-lm';
import { loadMaskedLm, loadSavedMaskedLm, saveMaskedLm } from './save-load';
import { ALLOCATION_FILE, MODEL_CONFIG_FILE, readSavedModelConfig } from './saved-model-config';
import { SMALL_CONFIG as SMALL } from './testing/small-config';
import { syntheticBatch } from './testing/synthetic-batch';

let dir: string;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  dir = mkdtempSync(join(tmpdir(), 'ksub-save-load-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8'));
const loss = (model: MaskedLanguageModel) =>
  tf.tidy(() => model.loss(syntheticBatch([6, 4], 6, SMALL.vocabSize, 6)).dataSync()[0]);

describe('saveMaskedLm / loadSavedMaskedLm', () => {
  it('records the tokenizer and gives it back with the model', async () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'factorized', rank: 3 }, 2);
    const path = join(dir, 'with-tokenizer');
    await saveMaskedLm(path, model, { tokenizer: 'xlmr-o200k' });
    expect(readJson(join(path, MODEL_CONFIG_FILE))['tokenizer']).toBe('xlmr-o200k');
    expect((await readSavedModelConfig(path)).tokenizer).toBe('xlmr-o200k');
    const loaded = await loadSavedMaskedLm(path);
    expect(loaded.tokenizer).toBe('xlmr-o200k');
    expect(loaded.model.spec).toEqual({ kind: 'factorized', rank: 3, bias: false });
    expect(loss(loaded.model)).toBe(loss(model));
    model.dispose();
    loaded.model.dispose();
  });

  it('loads a model saved without a tokenizer (the layout before it was recorded): tokenizer undefined', async () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 2);
    const path = join(dir, 'legacy');
    await saveMaskedLm(path, model);
    // exactly the keys config.json had before the tokenizer was recorded
    expect(Object.keys(readJson(join(path, MODEL_CONFIG_FILE)))).toEqual([
      'format',
      'version',
      'config',
      'embedding',
      'weightsSha256',
    ]);
    const loaded = await loadSavedMaskedLm(path);
    expect(loaded.tokenizer).toBeUndefined();
    expect(loss(loaded.model)).toBe(loss(model));
    const plain = await loadMaskedLm(path);
    expect(loss(plain)).toBe(loss(model));
    for (const m of [model, loaded.model, plain]) m.dispose();
  });

  it("writes allocation.ksub in the same encoding as the k-sub layer's config", async () => {
    const allocation = await getAllocator('scattered').allocate({
      numTokens: SMALL.vocabSize,
      numTables: 2,
      dim: SMALL.hidden,
      seed: 4,
    });
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'ksub', allocation }, 2);
    const path = join(dir, 'ksub');
    await saveMaskedLm(path, model, { tokenizer: 'roberta-gpt2' });
    expect(readJson(join(path, MODEL_CONFIG_FILE))['embedding']).toEqual({
      kind: 'ksub',
      allocationFile: ALLOCATION_FILE,
    });
    expect(model.embedding).toBeInstanceOf(KSubEmbedding);
    const layer = model.embedding as KSubEmbedding;
    const fromConfig = Buffer.from(layer.getConfig()['allocation'] as string, 'base64');
    expect(readFileSync(join(path, ALLOCATION_FILE)).equals(fromConfig)).toBe(true);
    const loaded = await loadMaskedLm(path);
    expect(loss(loaded)).toBe(loss(model));
    model.dispose();
    loaded.dispose();
  });

  it('refuses an empty tokenizer name', async () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 2);
    await expect(saveMaskedLm(join(dir, 'bad'), model, { tokenizer: '' })).rejects.toThrow(
      'saveMaskedLm: options.tokenizer must be a non-empty string; got ""',
    );
    model.dispose();
  });
});

describe('readSavedModelConfig', () => {
  const withConfig = (name: string, config: unknown): string => {
    const path = join(dir, name);
    rmSync(path, { recursive: true, force: true });
    mkdirSync(path);
    writeFileSync(
      join(path, MODEL_CONFIG_FILE),
      typeof config === 'string' ? config : JSON.stringify(config),
    );
    return path;
  };
  const good = {
    format: 'ksub-masked-lm',
    version: 1,
    config: SMALL,
    embedding: { kind: 'full' },
    weightsSha256: '0'.repeat(64),
  };

  it('names the file and the field of a bad config.json', async () => {
    const notJson = withConfig('not-json', '{"format":');
    await expect(readSavedModelConfig(notJson)).rejects.toThrow(
      new RegExp(`^${join(notJson, MODEL_CONFIG_FILE)}: not JSON`),
    );
    const other = withConfig('other', { ...good, format: 'hf' });
    await expect(readSavedModelConfig(other)).rejects.toThrow('not a ksub masked-LM of version 1');
    const embedding = withConfig('embedding', { ...good, embedding: { kind: 'ksub' } });
    await expect(readSavedModelConfig(embedding)).rejects.toThrow(FormatError);
    await expect(readSavedModelConfig(embedding)).rejects.toThrow(
      /readSavedModelConfig \(.*config\.json\): embedding\.allocationFile: /,
    );
    const tokenizer = withConfig('tokenizer', { ...good, tokenizer: 5 });
    await expect(readSavedModelConfig(tokenizer)).rejects.toThrow(/tokenizer: .*; got 5/);
  });
});
