import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temporary directory for one spec file, removed after it: call at the top of a
 * `describe`; read `.path` inside tests and hooks.
 */
export function useTempDir(prefix: string): { readonly path: string } {
  const holder = { path: '' };
  beforeAll(() => {
    holder.path = mkdtempSync(join(tmpdir(), `ksub-${prefix}-`));
  });
  afterAll(() => rmSync(holder.path, { recursive: true, force: true }));
  return holder;
}

/** Captures what `process.stdout.write` is given while `run` runs (instead of writing it). */
export async function captureStdout<T>(run: () => Promise<T>): Promise<{ result: T; stdout: string }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    return { result: await run(), stdout: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}
