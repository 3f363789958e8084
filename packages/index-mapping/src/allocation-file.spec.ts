import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { ALLOCATION_MAGIC, decodeAllocation, encodeAllocation } from './allocation-file';
import { loadAllocation, saveAllocation } from './allocation-file-io';
import { ScatteredAllocator } from './allocators/scattered';

async function sample() {
  return new ScatteredAllocator().allocate({
    numTokens: 1000,
    numTables: 3,
    dim: 12,
    seed: 11,
    specialTokens: [0, 2],
  });
}

describe('allocation file format', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ksub-alloc-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('round-trips every field through a file', async () => {
    const a = await sample();
    const path = join(dir, 'x.alloc');
    await saveAllocation(path, a);
    const b = await loadAllocation(path);
    expect(b).toEqual({ ...a, codes: a.codes });
    expect(Array.from(b.codes)).toEqual(Array.from(a.codes));
  });

  it('has the documented layout: magic, version, header length, header, codes, 32-byte checksum', async () => {
    const a = await sample();
    const bytes = Buffer.from(encodeAllocation(a));
    expect(bytes.toString('latin1', 0, 8)).toBe(ALLOCATION_MAGIC);
    expect(bytes.readUInt32LE(8)).toBe(1);
    const h = bytes.readUInt32LE(12);
    expect(JSON.parse(bytes.toString('utf8', 16, 16 + h))).toMatchObject({
      numTokens: 1000,
      numTables: 3,
      method: 'scattered',
      seed: 11,
    });
    expect(bytes.length).toBe(16 + h + 1000 * 3 * 4 + 32);
    expect(bytes.readInt32LE(16 + h + 4 * 5)).toBe(a.codes[5]);
  });

  it('detects a flipped byte anywhere in the codes', async () => {
    const bytes = encodeAllocation(await sample());
    const corrupt = Uint8Array.from(bytes);
    corrupt[bytes.length - 100] = (corrupt[bytes.length - 100] as number) ^ 1;
    expect(() => decodeAllocation(corrupt, 'c.alloc')).toThrow(
      new FormatError('loadAllocation: c.alloc: checksum mismatch: the file is corrupt'),
    );
  });

  it('detects truncation, with the expected and found sizes', async () => {
    const bytes = encodeAllocation(await sample());
    const path = join(dir, 't.alloc');
    await writeFile(path, bytes.subarray(0, bytes.length - 10));
    await expect(loadAllocation(path)).rejects.toThrow(
      `loadAllocation: ${path}: truncated: expected ${bytes.length} bytes for 1000×3 codes, found ${bytes.length - 10}`,
    );
    expect(() => decodeAllocation(bytes.subarray(0, 5))).toThrow(
      'truncated: 5 bytes is shorter than the 16-byte prefix',
    );
  });

  it('rejects an unknown version and a foreign file', async () => {
    const bytes = Buffer.from(encodeAllocation(await sample()));
    bytes.writeUInt32LE(2, 8);
    expect(() => decodeAllocation(bytes)).toThrow('unknown format version 2; this code reads version 1');
    expect(() => decodeAllocation(Buffer.from('PK\u0003\u0004 not an allocation'))).toThrow(
      'not an allocation file (magic "PK\\u0003\\u0004 not", expected "KSUBALLC")',
    );
  });

  it('rejects a consistent checksum over inconsistent contents', async () => {
    // A code out of range with a recomputed checksum: caught by validation, not by the hash.
    const a = await sample();
    const codes = Int32Array.from(a.codes);
    const bad = encodeAllocation({
      ...a,
      rows: [a.rows[0] as number, a.rows[1] as number, 1000],
      codes: codes.fill(999, 2, 3),
    });
    const buf = Buffer.from(bad);
    const h = buf.readUInt32LE(12);
    const header = JSON.parse(buf.toString('utf8', 16, 16 + h));
    header.rows[2] = a.rows[2];
    const patched = encodeRaw(header, buf.subarray(16 + h, buf.length - 32));
    expect(() => decodeAllocation(patched)).toThrow(
      /inconsistent contents .*token 0, table 2 must be in \[0, \d+\); got 999/,
    );
  });
});

function encodeRaw(header: object, codes: Uint8Array): Uint8Array {
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(16);
  prefix.write('KSUBALLC', 0, 'latin1');
  prefix.writeUInt32LE(1, 8);
  prefix.writeUInt32LE(json.length, 12);
  const body = Buffer.concat([prefix, json, codes]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}
