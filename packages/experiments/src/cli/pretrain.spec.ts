import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fault-drill/drill-case';
import { tinyConfig, tinyCorpus } from '../fault-drill/tiny-inputs';
import { useTempDir } from '../testing/temp-dir';

const CLI = 'packages/experiments/src/cli/pretrain.ts';

describe('the pretrain CLI', () => {
  const dir = useTempDir('pretrain-cli');

  it("pretrains from a config file (a pretrain cell's args), --steps and --out overriding it", async () => {
    const corpus = await tinyCorpus(dir.path);
    const config = join(dir.path, 'tiny.json');
    writeFileSync(config, JSON.stringify(tinyConfig(corpus, join(dir.path, 'unused'), 8)));
    const out = join(dir.path, 'run');
    const r = runCli(CLI, ['--config', config, '--steps', '2', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^pretrain: 2 steps in ${out} \\(backend \\w+, 1,681,209 parameters`),
    );
    // 2 steps: a training record (every 2) and the validation every run ends with
    const records = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(records.map((l) => (JSON.parse(l) as { type: string; step: number }).type)).toEqual([
      'train',
      'validation',
    ]);
  }, 120_000);

  it('refuses a config with a misspelt key before writing anything, naming the file and the key', () => {
    const config = join(dir.path, 'bad.json');
    writeFileSync(config, JSON.stringify({ ...tinyConfig('c', join(dir.path, 'bad-run'), 4), stepz: 5 }));
    const r = runCli(CLI, ['--config', config]);
    expect([r.status, r.stderr]).toEqual([1, `pretrain (${config}): unknown key "stepz"\n`]);
    expect(runCli(CLI, []).status).toBe(2); // usage
  }, 60_000);
});
