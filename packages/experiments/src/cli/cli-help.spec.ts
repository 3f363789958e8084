import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT, runCli } from '../fault-drill/drill-case';

const CLIS = [
  ...readdirSync(join(REPO_ROOT, 'packages/experiments/src/cli'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'parse-cli.ts')
    .map((f) => `packages/experiments/src/cli/${f}`),
  'packages/corpus/src/cli/prepare.ts',
];

describe('every CLI', () => {
  it.each(CLIS)(
    '%s: --help prints a usage and exits 0; an unknown flag is named, non-zero exit, no stack',
    (cli) => {
      const help = runCli(cli, ['--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/usage/i);
      const bad = runCli(cli, ['--no-such-flag']);
      expect(bad.status).not.toBe(0);
      expect(bad.status).not.toBeNull();
      expect(bad.stderr).toMatch(/Unknown option '--no-such-flag'/);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
