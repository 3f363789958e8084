import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileError, withFileContext } from './file-error';

describe('fileError / withFileContext', () => {
  it('names the path and says what EISDIR and ENOENT mean, keeping code and cause', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ksub-ferr-'));
    const err = await withFileContext('read the config', dir, () => readFile(dir, 'utf8')).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toBe(`cannot read the config ${dir}: is a directory, not a file (EISDIR)`);
    expect((err as { code: string }).code).toBe('EISDIR');
    expect(((err as Error).cause as Error).message).toMatch(/^EISDIR/);
    const missing = join(dir, 'nope.json');
    await expect(withFileContext('read', missing, () => readFile(missing))).rejects.toThrow(
      `cannot read ${missing}: does not exist (ENOENT)`,
    );
    await rm(dir, { recursive: true });
  });

  it('names the path of ENOSPC, whose Node message has none', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(fileError(enospc, 'write', 'runs/x/metrics.jsonl').message).toBe(
      'cannot write runs/x/metrics.jsonl: no space left on the device (ENOSPC)',
    );
  });

  it('passes errors without a code through unchanged, and does not wrap twice', () => {
    const plain = new RangeError('bad');
    expect(fileError(plain, 'read', 'f')).toBe(plain);
    const once = fileError(Object.assign(new Error('x'), { code: 'EACCES' }), 'read', 'f');
    expect(fileError(once, 'read', 'f')).toBe(once);
  });
});
