import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { readNpy } from './npy';
import { recordReadLengths } from './testing/record-reads';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-npy-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A version-1 .npy file with the given header text (unchecked) and data bytes. */
async function npyWith(name: string, header: string, data: Buffer): Promise<string> {
  const prefix = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0]);
  prefix.writeUInt16LE(header.length, 8);
  await writeFile(join(dir, name), Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]));
  return join(dir, name);
}

const header = (shape: string, more = "'fortran_order': False, ") =>
  `{'descr': '<f4', ${more}'shape': ${shape}, }\n`;

describe('readNpy on a damaged file', () => {
  it('throws FormatError naming the file when it ends inside the header length', async () => {
    const path = join(dir, 'v2.npy');
    await writeFile(path, Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 7, 0]));
    await expect(readNpy(path)).rejects.toThrow(
      new FormatError(`readNpy: ${path}: truncated: the file ends at byte 10, inside the header length`),
    );
  });

  it.each([
    ['a fractional', '(3, 2.5)', 30, 'shape (3, 2.5) must hold non-negative integers'],
    ['a negative', '(-1, -2)', 8, 'shape (-1, -2) must hold non-negative integers'],
    ['a non-numeric', '(3, x)', 12, 'shape (3, x) must hold non-negative integers'],
    [
      'an empty',
      '(0, 4)',
      0,
      'shape (0, 4) has no values; an embedding matrix needs at least one row and one column',
    ],
  ])('throws FormatError naming the file for %s shape', async (_, shape, bytes, what) => {
    const path = await npyWith(`s-${bytes}.npy`, header(shape), Buffer.alloc(bytes));
    await expect(readNpy(path)).rejects.toThrow(new FormatError(`readNpy: ${path}: ${what}`));
  });

  it('throws FormatError for a header without fortran_order, as NumPy does', async () => {
    const path = await npyWith('nofortran.npy', header('(1, 2)', ''), Buffer.alloc(8));
    await expect(readNpy(path)).rejects.toThrow(
      new FormatError(
        `readNpy: ${path}: malformed header "{'descr': '<f4', 'shape': (1, 2), }"; it needs 'descr', 'fortran_order' and 'shape'`,
      ),
    );
  });

  it('names the path when given a directory', async () => {
    await mkdir(join(dir, 'adir'));
    await expect(readNpy(join(dir, 'adir'))).rejects.toThrow(
      `cannot read the .npy file ${join(dir, 'adir')}: is a directory, not a file (EISDIR)`,
    );
  });
});

describe('readNpy in chunks', () => {
  it('reads C and Fortran order with chunks that split the data, as in one read', async () => {
    const values = Array.from({ length: 15 }, (_, i) => i - 7);
    const c = await npyWith('c.npy', header('(3, 5)'), Buffer.from(Float32Array.from(values).buffer));
    let read: number[] = [];
    const lengths = await recordReadLengths(async () => {
      read = Array.from((await readNpy(c, { chunkBytes: 8 })).data);
    });
    expect(read).toEqual(values);
    expect(lengths.slice(-8)).toEqual([8, 8, 8, 8, 8, 8, 8, 4]); // 60 bytes of data, after the header
    // Fortran order: column j holds values[j], values[5 + j], values[10 + j]
    const columns = [0, 1, 2, 3, 4].flatMap((j) => [values[j], values[5 + j], values[10 + j]] as number[]);
    const fortran = await npyWith(
      'f8.npy',
      header('(3, 5)', "'fortran_order': True, ").replace('<f4', '<f8'),
      Buffer.from(Float64Array.from(columns).buffer),
    );
    expect(Array.from((await readNpy(fortran, { chunkBytes: 16 })).data)).toEqual(values);
  });
});
