import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fault-drill/drill-case';
import { fromRoot } from '../testing/committed-results';
import { useTempDir } from '../testing/temp-dir';

describe('the write-grids CLI (nx run experiments:grid)', () => {
  const dir = useTempDir('write-grids-cli');

  it("writes every preset's grid as committed, loading no TensorFlow.js", () => {
    // a preload that reports, as the process exits, how many TensorFlow.js modules were loaded
    const probe = join(dir.path, 'probe.js');
    writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write(`tensorflow modules: ${Object.keys(require.cache).filter((k) => k.includes('@tensorflow')).length}\\n`));\n",
    );
    const out = join(dir.path, 'grid');
    const r = runCli('packages/experiments/src/cli/write-grids.ts', ['--out', out], {
      env: { NODE_OPTIONS: `--require ${probe}` },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('tensorflow modules: 0\n');
    for (const preset of ['tiny', 'mini', 'paper'])
      expect(readFileSync(join(out, `${preset}.json`), 'utf8')).toBe(
        readFileSync(fromRoot(`packages/experiments/grid/${preset}.json`), 'utf8'),
      );
  }, 60_000);
});
