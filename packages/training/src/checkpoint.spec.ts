import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_DIR, listCheckpoints, readCheckpoint, writeCheckpoint } from './checkpoint';

describe('checkpoints', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ksub-ckpt-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const files = (step: number) => [
    { name: 'a.bin', data: Uint8Array.of(step, 1, 2, 3) },
    { name: 'state.json', data: new TextEncoder().encode(JSON.stringify({ step })) },
  ];

  it('writes, lists newest last, keeps the last few and reads back verified', async () => {
    for (const step of [2, 4, 6, 8]) await writeCheckpoint(dir, step, files(step), 3);
    const list = await listCheckpoints(dir);
    expect(list.map((c) => c.step)).toEqual([4, 6, 8]);
    const { manifest, files: read } = await readCheckpoint(list[2]?.path as string);
    expect(manifest.step).toBe(8);
    expect(Array.from(read.get('a.bin') ?? [])).toEqual([8, 1, 2, 3]);
  });

  it('ignores a half-written temporary directory and removes those of dead writers', async () => {
    mkdirSync(join(dir, CHECKPOINT_DIR, 'step-000000010.tmp-999999'), { recursive: true });
    expect(await listCheckpoints(dir)).toEqual([]);
    await writeCheckpoint(dir, 1, files(1), 2);
    expect(readdirSync(join(dir, CHECKPOINT_DIR))).toEqual(['step-000000001']);
  });

  it('refuses a truncated, altered or manifest-less checkpoint, naming the file', async () => {
    const path = await writeCheckpoint(dir, 3, files(3), 2);
    const a = join(path, 'a.bin');
    writeFileSync(a, Uint8Array.of(3, 1, 2));
    await expect(readCheckpoint(path)).rejects.toThrow('a.bin has 3 bytes, the manifest says 4 (truncated?)');
    writeFileSync(a, Uint8Array.of(3, 1, 2, 9));
    await expect(readCheckpoint(path)).rejects.toThrow('a.bin does not match its checksum (corrupt)');
    const manifest = readFileSync(join(path, 'manifest.json'));
    rmSync(join(path, 'manifest.json'));
    await expect(readCheckpoint(path)).rejects.toThrow('manifest.json missing or unreadable');
    writeFileSync(join(path, 'manifest.json'), manifest);
    writeFileSync(a, Uint8Array.of(3, 1, 2, 3));
    await expect(readCheckpoint(path)).resolves.toBeDefined();
    rmSync(join(path, 'state.json'));
    await expect(readCheckpoint(path)).rejects.toThrow('state.json is missing');
  });
});
