import { describe, expect, it } from '@jest/globals';
import { parseCli } from './parse-cli';

function capture(run: () => unknown): { out: string; err: string; code: typeof process.exitCode } {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const e = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  const before = process.exitCode;
  try {
    run();
    return { out: out.join(''), err: err.join(''), code: process.exitCode };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = before;
  }
}

const OPTIONS = { out: { type: 'string', default: 'x' }, quick: { type: 'boolean' } } as const;

describe('parseCli', () => {
  it('returns the values with defaults', () => {
    expect(parseCli('t', 'usage: t', OPTIONS, ['--quick'])).toEqual({ out: 'x', quick: true });
  });

  it('prints the usage on --help and -h, to stdout, exit code untouched', () => {
    for (const flag of ['--help', '-h']) {
      let values: unknown = 'unset';
      const r = capture(() => (values = parseCli('t', 'usage: t [--out DIR]\n', OPTIONS, [flag])));
      expect(values).toBeUndefined();
      expect(r.out).toBe('usage: t [--out DIR]\n');
      expect(r.code).toBeUndefined();
    }
  });

  it('names an unknown flag and prints the usage to stderr with exit code 2, no stack', () => {
    const r = capture(() => parseCli('t', 'usage: t', OPTIONS, ['--nope']));
    expect(r.err).toMatch(/^t: Unknown option '--nope'/);
    expect(r.err).toMatch(/\n\nusage: t\n$/);
    expect(r.err).not.toMatch(/ERR_PARSE_ARGS|at parseArgs/);
    expect(r.code).toBe(2);
  });
});
