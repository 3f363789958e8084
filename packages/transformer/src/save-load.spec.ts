import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { FormatError } from '@ksub/core';
import { KSubEmbedding } from '@ksub/embedding';
import { getAllocator } from '@ksub/index-mapping';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel } from './masked-lm';
import { float32ToFloat16 } from './float16';
import { loadMaskedLm, loadSavedMaskedLm, saveMaskedLm } from './save-load';
import { readSavedModelConfig } from './read-saved-model-config';
import {
  ALLOCATION_FILE,
  MODEL_CONFIG_FILE,
  WEIGHTS_FILE,
  WEIGHTS_MANIFEST_FILE,
} from './saved-model-config';
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
    const fromConfig = Buffer.from(layer.getConfig()['allocation'] as string, 'hex');
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

describe('float32ToFloat16', () => {
  const bits = (x: number): number => float32ToFloat16(Float32Array.of(x))[0] as number;

  it.each([
    ['1', 1, 0x3c00], // exponent 15, mantissa 0
    ['−2', -2, 0xc000], // sign, exponent 16
    ['65504, the largest half', 65504, 0x7bff],
    ['65519.99, just below the midpoint to 2^16', 65519.99, 0x7bff],
    ['65520, the midpoint, ties to even (∞)', 65520, 0x7c00],
    ['−1e6', -1e6, 0xfc00],
    // 0.1 = 1.6 · 2^-4: exponent 11, mantissa 0.6 · 1024 = 614.4 → 614 = 0x266
    ['0.1', 0.1, 0x2e66],
    ['1 + 2^-11, a tie between 1 and 1 + 2^-10, to even', 1 + 2 ** -11, 0x3c00],
    ['1 + 3 · 2^-11, a tie, to even (up)', 1 + 3 * 2 ** -11, 0x3c02],
    ['2^-14, the least normal', 2 ** -14, 0x0400],
    ['2^-24, the least subnormal', 2 ** -24, 0x0001],
    // 6e-5 / 2^-24 = 1006.63 → 1007 = 0x3ef
    ['6e-5, a subnormal', 6e-5, 0x03ef],
    ['2^-14 − 2^-25, a tie rounding up into the normals', 2 ** -14 - 2 ** -25, 0x0400],
    ['2^-25, a tie between 0 and 2^-24, to even (0)', 2 ** -25, 0x0000],
    ['1.5 · 2^-25, above the tie', 1.5 * 2 ** -25, 0x0001],
    ['1e-8, below half the least subnormal', 1e-8, 0x0000],
    ['−1e-8', -1e-8, 0x8000],
    ['−0', -0, 0x8000],
    ['∞', Infinity, 0x7c00],
    ['−∞', -Infinity, 0xfc00],
    ['NaN (quiet)', NaN, 0x7e00],
  ])('%s → hand-derived bits', (_name, value, expected) => {
    expect(bits(value).toString(16)).toBe(expected.toString(16));
  });

  it('inverts the TF.js float16 decoder on every half value (NaNs stay NaN)', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const decoded = tf.io.decodeWeights(all.buffer, [
      { name: 'h', shape: [65536], dtype: 'float32', quantization: { dtype: 'float16' } },
    ])['h'] as tf.Tensor;
    const widened = decoded.dataSync() as Float32Array;
    decoded.dispose();
    const back = float32ToFloat16(widened);
    let mismatches = 0;
    all.forEach((h, i) => {
      const nan = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (nan ? !Number.isNaN(widened[i]) : back[i] !== h) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  it('reads a Float32Array at an offset into its buffer', () => {
    const buffer = new Float32Array([7, 1, -2]);
    expect([...float32ToFloat16(buffer.subarray(1))]).toEqual([0x3c00, 0xc000]);
  });
});

describe("saveMaskedLm { dtype: 'float16' }", () => {
  const weightsOf = (model: MaskedLanguageModel) =>
    new Map(model.params.all().map((p) => [p.name, p.variable.dataSync() as Float32Array]));

  it('stores half floats TF.js decodes, half the bytes; every weight within 2^-11 relative', async () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 3);
    const full = join(dir, 'f32');
    const half = join(dir, 'f16');
    await saveMaskedLm(full, model, { tokenizer: 'roberta-gpt2', dtype: 'float32' });
    await saveMaskedLm(half, model, { tokenizer: 'roberta-gpt2', dtype: 'float16' });
    const fullBytes = readFileSync(join(full, WEIGHTS_FILE));
    const halfBytes = readFileSync(join(half, WEIGHTS_FILE));
    expect(halfBytes.byteLength * 2).toBe(fullBytes.byteLength);
    const manifest = readJson(join(half, WEIGHTS_MANIFEST_FILE)) as unknown as tf.io.WeightsManifestConfig;
    const entries = manifest.flatMap((g) => g.weights);
    expect(entries.length).toBe(model.params.all().length);
    for (const e of entries) {
      expect(e.dtype).toBe('float32');
      expect(e.quantization).toEqual({ dtype: 'float16', original_dtype: 'float32' });
    }
    // the checksum is that of the bytes written
    expect(readJson(join(half, MODEL_CONFIG_FILE))['weightsSha256']).toBe(
      createHash('sha256').update(halfBytes).digest('hex'),
    );

    const loaded = await loadSavedMaskedLm(half);
    expect(loaded.tokenizer).toBe('roberta-gpt2');
    const before = weightsOf(model);
    const after = weightsOf(loaded.model);
    // the stock decoder over the files reads the same values the loader assigned
    const stock = tf.io.decodeWeights(new Uint8Array(halfBytes).buffer, entries);
    for (const [name, values] of before) {
      const got = after.get(name) as Float32Array;
      const viaStock = stock[name]?.dataSync() as Float32Array;
      let worst = 0;
      values.forEach((v, i) => {
        const g = got[i] as number;
        // normal range: |error| ≤ 2^-11 |v|; the subnormal range has a fixed step of 2^-24
        const bound = Math.max(2 ** -11 * Math.abs(v), 2 ** -25);
        worst = Math.max(worst, Math.abs(g - v) / bound);
      });
      expect({ name, worst: worst <= 1 }).toEqual({ name, worst: true });
      expect({ name, same: [...viaStock].every((x, i) => Object.is(x, got[i])) }).toEqual({
        name,
        same: true,
      });
    }
    tf.dispose(Object.values(stock));
    // float32 stays exact
    const exact = await loadMaskedLm(full);
    expect(loss(exact)).toBe(loss(model));
    for (const m of [model, loaded.model, exact]) m.dispose();
  });

  it('rejects a corrupted float16 weights file by its checksum', async () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 4);
    const path = join(dir, 'f16-corrupt');
    await saveMaskedLm(path, model, { tokenizer: 'roberta-gpt2', dtype: 'float16' });
    model.dispose();
    const file = join(path, WEIGHTS_FILE);
    const bytes = readFileSync(file);
    bytes[10] = (bytes[10] as number) ^ 0x01;
    writeFileSync(file, bytes);
    await expect(loadMaskedLm(path)).rejects.toThrow(FormatError);
    await expect(loadMaskedLm(path)).rejects.toThrow(`${file}: checksum differs from config.json`);
  });

  it('rejects a bad dtype, naming the option and the value', async () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 2);
    const path = join(dir, 'bad-dtype');
    await expect(
      saveMaskedLm(path, model, { tokenizer: 'roberta-gpt2', dtype: 'bfloat16' as never }),
    ).rejects.toThrow(
      new RangeError('saveMaskedLm: options.dtype must be "float32" or "float16"; got "bfloat16"'),
    );
    await expect(
      saveMaskedLm(path, model, { tokenizer: 'roberta-gpt2', dtype: 16 as never }),
    ).rejects.toThrow(new TypeError('saveMaskedLm: options.dtype must be a string; got 16'));
    expect(existsSync(path)).toBe(false);
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
