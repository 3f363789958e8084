import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { readSafetensors, safetensorsIndex } from './safetensors';
import { recordReadLengths } from './testing/record-reads';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-safetensors-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Writes a safetensors file with the given header (as JSON, unchecked) and data bytes. */
async function fileWith(name: string, header: unknown, data: Buffer): Promise<string> {
  const path = join(dir, name);
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(json.length));
  await writeFile(path, Buffer.concat([head, json, data]));
  return path;
}

const f32 = (values: number[]) => Buffer.from(Float32Array.from(values).buffer);

describe('readSafetensors in chunks', () => {
  const values = Array.from({ length: 15 }, (_, i) => i * 0.5 - 3);

  it('reads a tensor in reads of at most chunkBytes, with the same values as one read', async () => {
    // a 2-byte tensor first, so the one read starts off an 8-byte boundary
    const path = await fileWith(
      'chunked.safetensors',
      {
        pad: { dtype: 'F16', shape: [1], data_offsets: [0, 2] },
        w: { dtype: 'F32', shape: [3, 5], data_offsets: [2, 62] },
      },
      Buffer.concat([Buffer.alloc(2), f32(values)]),
    );
    let read: number[] = [];
    const lengths = await recordReadLengths(async () => {
      read = Array.from((await readSafetensors(path, 'w', { chunkBytes: 8 })).data);
    });
    expect(read).toEqual(values);
    expect(lengths.slice(-8)).toEqual([8, 8, 8, 8, 8, 8, 8, 4]); // 60 bytes, after the header's reads
    expect(Array.from((await readSafetensors(path, 'w')).data)).toEqual(values);
  });

  it('converts F16 and F64 chunk by chunk', async () => {
    const f16 = Buffer.alloc(10);
    [0x3c00, 0xc000, 0x3555, 0x7bff, 0x0000].forEach((b, i) => f16.writeUInt16LE(b, i * 2));
    const half = await fileWith(
      'h.safetensors',
      { w: { dtype: 'F16', shape: [1, 5], data_offsets: [0, 10] } },
      f16,
    );
    expect(Array.from((await readSafetensors(half, 'w', { chunkBytes: 8 })).data)).toEqual([
      1, -2, 0.333251953125, 65504, 0,
    ]);
    const f64 = Buffer.from(Float64Array.of(1.5, -2, 3).buffer);
    const double = await fileWith(
      'd.safetensors',
      { w: { dtype: 'F64', shape: [3, 1], data_offsets: [0, 24] } },
      f64,
    );
    expect(Array.from((await readSafetensors(double, 'w', { chunkBytes: 8 })).data)).toEqual([1.5, -2, 3]);
  });

  it('rejects a chunk size that would split a value', async () => {
    const path = await fileWith(
      'c.safetensors',
      { w: { dtype: 'F32', shape: [1, 2], data_offsets: [0, 8] } },
      f32([1, 2]),
    );
    await expect(readSafetensors(path, 'w', { chunkBytes: 12 })).rejects.toThrow(
      new RangeError('readSafetensors: chunkBytes must be a positive multiple of 8 up to 2147483640; got 12'),
    );
  });
});

describe('safetensors header checks', () => {
  const data = f32([1, 2, 3, 4]);
  const one = (offsets: unknown, extra: Record<string, unknown> = {}) => ({
    w: { dtype: 'F32', shape: [2, 2], data_offsets: offsets },
    ...extra,
  });

  it.each([
    ['negative', one([-16, 0]), 'tensor "w": data_offsets [-16, 0] must be two non-negative integers'],
    [
      'fractional',
      one([0.5, 16.5]),
      'tensor "w": data_offsets [0.5, 16.5] must be two non-negative integers',
    ],
    ['strings', one(['0', '16']), 'tensor "w": data_offsets ["0", "16"] must be two non-negative integers'],
    ['reversed', one([16, 0]), 'tensor "w": data_offsets [16, 0] end before they begin'],
    [
      'beyond the end',
      one([0, 32]),
      'tensor "w": data_offsets [0, 32] runs past the end of the file (its data section holds 16 bytes)',
    ],
    [
      'overlapping',
      one([0, 16], { v: { dtype: 'F32', shape: [1, 2], data_offsets: [8, 16] } }),
      'tensor "v": data_offsets [8, 16] overlap those of tensor "w" [0, 16]',
    ],
    [
      'of the wrong length',
      one([0, 12]),
      'tensor "w": data_offsets [0, 12] span 12 bytes; shape [2, 2] of F32 needs 16',
    ],
    [
      'with a negative shape',
      { w: { dtype: 'F32', shape: [-2, -2], data_offsets: [0, 16] } },
      'tensor "w": shape [-2, -2] must be a list of non-negative integers',
    ],
    [
      'without a dtype',
      { w: { shape: [2, 2], data_offsets: [0, 16] } },
      'tensor "w": dtype must be a string; got undefined',
    ],
    ['not an object', { w: 7 }, 'tensor "w" must be an object with dtype, shape and data_offsets; got 7'],
    ['null', null, 'the header must be a JSON object; got null'],
  ])(
    'rejects data_offsets or fields that are %s, naming the file, the tensor and the values',
    async (_, header, what) => {
      const path = await fileWith('h.safetensors', header, data);
      const expected = new FormatError(`safetensors: ${path}: ${what}`);
      await expect(safetensorsIndex(path)).rejects.toThrow(expected);
      await expect(readSafetensors(path, 'w')).rejects.toThrow(expected);
    },
  );

  it('rejects a 2-D tensor with no rows as an embedding matrix', async () => {
    const path = await fileWith(
      'z.safetensors',
      { w: { dtype: 'F32', shape: [0, 4], data_offsets: [0, 0] } },
      Buffer.alloc(0),
    );
    await expect(readSafetensors(path, 'w')).rejects.toThrow(
      new FormatError(
        `safetensors: ${path}: tensor "w" has shape [0, 4]; an embedding matrix needs at least one row and one column`,
      ),
    );
  });

  it('names the path when given a directory', async () => {
    await mkdir(join(dir, 'adir'));
    const what = `cannot read the safetensors file ${join(dir, 'adir')}: is a directory, not a file (EISDIR)`;
    await expect(safetensorsIndex(join(dir, 'adir'))).rejects.toThrow(what);
    await expect(readSafetensors(join(dir, 'adir'))).rejects.toThrow(what);
  });
});
