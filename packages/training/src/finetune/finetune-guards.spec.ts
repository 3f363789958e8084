import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LockedError, lockBeside } from '@ksub/core/node';
import { taskFromSpec } from '@ksub/evaluation';
import { finetune } from './finetune';
import type { FinetuneConfig } from './finetune-config';

// Every run here must stop before it touches a model: the model directory does not exist.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ksub-finetune-guards-'));
  writeFileSync(join(dir, 'header-only.tsv'), 'text\tlabel\n');
  writeFileSync(join(dir, 'unknown-labels.tsv'), 'text\tlabel\ngood\tyes\nbad\tno\nfine\tmaybe\n');
  writeFileSync(join(dir, 'good.tsv'), 'text\tlabel\ngood\tpos\nbad\tneg\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(train: string, dev: string, overrides: Partial<FinetuneConfig> = {}): FinetuneConfig {
  const task = taskFromSpec(
    { name: 'own', files: { train, dev }, text: 'text', label: 'label', labels: ['neg', 'pos'] },
    dir,
  );
  return {
    model: join(dir, 'no-model-here'),
    task,
    learningRates: [1e-3],
    batchSizes: [2],
    epochs: 1,
    resultsCsv: join(dir, 'results.csv'),
    progress: false,
    ...overrides,
  };
}

describe('finetune refuses to train on nothing', () => {
  it('a header-only train file is an error before any training, and no results are written', async () => {
    await expect(finetune(config('header-only.tsv', 'good.tsv'))).rejects.toThrow(
      'finetune: split "train" of task "own" must have at least one usable example; got 0 (no rows, none skipped)',
    );
    expect(existsSync(join(dir, 'results.csv'))).toBe(false);
  });

  it('a train split whose every label is unknown is an error listing the skipped rows', async () => {
    const run = finetune(config('unknown-labels.tsv', 'good.tsv'));
    await expect(run).rejects.toThrow(
      'finetune: split "train" of task "own" must have at least one usable example; got 0 of 3 rows, all skipped:\n' +
        `  ${join(dir, 'unknown-labels.tsv')}:2: unknown label "yes" (expected one of neg, pos)\n`,
    );
    expect(existsSync(join(dir, 'results.csv'))).toBe(false);
  });

  it('an empty dev split is an error too', async () => {
    await expect(finetune(config('good.tsv', 'unknown-labels.tsv'))).rejects.toThrow(
      'finetune: split "dev" of task "own" must have at least one usable example; got 0 of 3 rows, all skipped',
    );
    expect(existsSync(join(dir, 'results.csv'))).toBe(false);
  });
});

describe('finetune names the results file before training', () => {
  it('a results CSV that is a directory is an error naming it', async () => {
    mkdirSync(join(dir, 'results-dir.csv'));
    await expect(
      finetune(config('good.tsv', 'good.tsv', { resultsCsv: join(dir, 'results-dir.csv') })),
    ).rejects.toThrow(
      `cannot read the results CSV ${join(dir, 'results-dir.csv')}: is a directory, not a file (EISDIR)`,
    );
  });

  it('a results CSV with another header is refused before training', async () => {
    writeFileSync(join(dir, 'other.csv'), 'a,b\n1,2\n');
    await expect(
      finetune(config('good.tsv', 'good.tsv', { resultsCsv: join(dir, 'other.csv') })),
    ).rejects.toThrow(`appendResults: ${join(dir, 'other.csv')} must start with the header task,model,`);
  });
});

describe('finetune --save-to locks its directory', () => {
  it('a second run into a locked directory fails at once naming the holder, writing nothing', async () => {
    const saveTo = join(dir, 'saved');
    const held = await lockBeside(saveTo, 'finetune');
    try {
      const run = finetune(config('good.tsv', 'good.tsv', { saveTo }));
      await expect(run).rejects.toThrow(LockedError);
      await expect(finetune(config('good.tsv', 'good.tsv', { saveTo }))).rejects.toThrow(
        `${saveTo}.lock is locked by finetune (pid ${process.pid}`,
      );
      expect(existsSync(saveTo)).toBe(false); // nothing saved
      expect(existsSync(join(dir, 'results.csv'))).toBe(false);
    } finally {
      await held.release();
    }
  });

  it("refuses a --save-to that holds a user's files before training, leaving them", async () => {
    const saveTo = join(dir, 'my-notes');
    mkdirSync(saveTo);
    writeFileSync(join(saveTo, 'notes.txt'), 'mine');
    await expect(finetune(config('good.tsv', 'good.tsv', { saveTo }))).rejects.toThrow(
      `finetune: ${saveTo} exists and is not a saved ksub model (a directory of other files)`,
    );
    expect(readFileSync(join(saveTo, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'results.csv'))).toBe(false);
    expect(existsSync(`${saveTo}.lock`)).toBe(false);
  });

  it('releases its lock when the run fails', async () => {
    const saveTo = join(dir, 'saved-2');
    // the model does not exist: the run fails after taking the lock, which must be let go
    await expect(finetune(config('good.tsv', 'good.tsv', { saveTo }))).rejects.toThrow(/no-model-here/);
    const again = await lockBeside(saveTo, 'test');
    await again.release();
  });
});
