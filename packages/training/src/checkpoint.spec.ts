import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHECKPOINT_DIR,
  checkpointDir,
  checkpointJson,
  listCheckpoints,
  readCheckpoint,
  removeDeadWriters,
  writeCheckpoint,
} from './checkpoint';

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
    // where checkpointDir says, nine digits so that names sort by step
    expect(list.map((c) => c.path)).toEqual([4, 6, 8].map((s) => checkpointDir(dir, s)));
    expect(checkpointDir('runs/x', 2000)).toBe(join('runs/x', 'checkpoints', 'step-000002000'));
    expect(() => checkpointDir('runs/x', 1.5)).toThrow('checkpointDir: step must be an integer');
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

  it("never removes a live writer's temporary directory (two runs in one directory)", async () => {
    // pid 1 is always alive: a second writer in the middle of its own checkpoint
    const live = join(dir, CHECKPOINT_DIR, 'step-000000010.tmp-1');
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'a.bin'), 'in progress');
    await writeCheckpoint(dir, 1, files(1), 2);
    expect(readdirSync(join(dir, CHECKPOINT_DIR)).sort()).toEqual(['step-000000001', 'step-000000010.tmp-1']);
    expect(readFileSync(join(live, 'a.bin'), 'utf8')).toBe('in progress');
  });

  it('removeDeadWriters removes only unfinished checkpoints of dead processes', async () => {
    const root = join(dir, CHECKPOINT_DIR);
    for (const name of [
      'step-000000010.tmp-999999',
      'step-000000011.tmp-1',
      'notes.tmp-999999',
      'step-000000004',
    ])
      mkdirSync(join(root, name), { recursive: true });
    expect(await removeDeadWriters(dir)).toEqual(['step-000000010.tmp-999999']);
    expect(readdirSync(root).sort()).toEqual(['notes.tmp-999999', 'step-000000004', 'step-000000011.tmp-1']);
    expect(await removeDeadWriters(join(dir, 'absent'))).toEqual([]);
  });

  it('a required file missing from the manifest, or a JSON file that is not JSON, is a FormatError naming both', async () => {
    const path = await writeCheckpoint(dir, 5, [{ name: 'a.bin', data: Uint8Array.of(1) }], 2);
    await expect(readCheckpoint(path, ['a.bin', 'state.json'])).rejects.toThrow(
      `checkpoint ${path}: state.json is missing (its manifest does not list it)`,
    );
    const bad = new Map([['state.json', new TextEncoder().encode('{"step": ')]]);
    expect(() => checkpointJson(path, bad, 'state.json')).toThrow(
      `checkpoint ${path}: state.json is not valid JSON`,
    );
    expect(
      checkpointJson(path, new Map([['s.json', new TextEncoder().encode('{"step":5}')]]), 's.json'),
    ).toEqual({
      step: 5,
    });
  });
});
