import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadAllocation } from '@ksub/index-mapping/node';
import { initBackend } from '@ksub/tensor';
import { runCli } from '../fault-drill/drill-case';
import { tinyModel } from '../fault-drill/tiny-inputs';
import { tokenEmbeddingsOf } from '../grid/paths';
import { useTempDir } from '../testing/temp-dir';

const CLI = 'packages/experiments/src/cli/allocate.ts';

describe('the allocate CLI', () => {
  const dir = useTempDir('allocate-cli');

  it("defaults to the grid's Table 2 allocation (radix, k = 3, seed 1) and says so in --help", async () => {
    const help = runCli(CLI, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--method radix (Algorithm 1 as the paper writes it)');
    expect(help.stdout).toContain('--k 3 --dim 512 --tokenizer roberta-gpt2 --seed 1');
    expect(help.stdout).toContain('defaulted to --method scattered --seed 0');
    const out = join(dir.path, 'default.alloc');
    const r = runCli(CLI, ['--dim', '32', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'method: radix, N = 50265, k = 3\nrows per table: 37, 37, 37; widths: 11, 11, 10',
    );
    const allocation = await loadAllocation(out);
    expect([allocation.method, allocation.seed]).toEqual(['radix', 1]);
  }, 60_000);

  it("clusters on a saved model's token embeddings (Algorithm 2) and reports neighbour sharing", async () => {
    await initBackend({ log: null });
    const model = await tinyModel(dir.path);
    const out = join(dir.path, 'clustered.alloc');
    const flags = [
      '--method',
      'clustered',
      '--k',
      '2',
      '--rows',
      '8',
      '--variant',
      'equal',
      '--max-iter',
      '2',
    ];
    const r = runCli(CLI, [...flags, '--dim', '32', '--embeddings', tokenEmbeddingsOf(model), '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^allocate: clustering on TF\.js weight roberta\.embeddings\.word_embeddings\.embeddings/,
    );
    expect(r.stdout).toContain('method: clustered (equal), N = 50265, k = 2');
    expect(r.stdout).toMatch(
      /neighbour sharing \(10 nearest, 300 queries\): [\d.]+ rows vs [\d.]+ for random pairs/,
    );
    expect((await loadAllocation(out)).rows[0]).toBe(8);
  }, 60_000);

  it('refuses a flag the method does not read, and a value the schema does not take, writing nothing', () => {
    const out = join(dir.path, 'refused.alloc');
    const variant = runCli(CLI, ['--method', 'radix', '--variant', 'equal', '--out', out]);
    expect([variant.status, variant.stderr]).toEqual([
      1,
      'allocate: --variant does not apply to method radix (it takes no options); got "equal"\n',
    ]);
    const k = runCli(CLI, ['--k', '0', '--out', out]);
    expect([k.status, k.stderr]).toEqual([
      1,
      'allocate (flags): k: Too small: expected number to be >=1; got 0\n',
    ]);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
