import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@ksub/tensor';
import { runCli } from '../fault-drill/drill-case';
import { tinyModel } from '../fault-drill/tiny-inputs';
import { readResultRows } from '@ksub/training';

const CLI = 'packages/experiments/src/cli/finetune.ts';

let dir: string;
let spec: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ksub-finetune-cli-'));
  writeFileSync(join(dir, 'train.tsv'), 'text\tlabel\ngood\tpos\nbad\tneg\n');
  spec = join(dir, 'task.json');
  writeFileSync(
    spec,
    JSON.stringify({
      name: 'own',
      files: { train: 'train.tsv', dev: 'train.tsv' },
      text: 'text',
      label: 'label',
      labels: ['neg', 'pos'],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI on the spec task with a model that does not exist: every refusal must come first. */
function run(...flags: string[]) {
  const r = runCli(CLI, [
    '--task-spec',
    spec,
    '--model',
    join(dir, 'no-model'),
    '--out',
    join(dir, 'r.csv'),
    ...flags,
  ]);
  return { status: r.status, stderr: r.stderr.trim() };
}

describe('the finetune CLI', () => {
  // every refusal names the flag and the value; a flag that does not apply to the chosen task is an
  // error, not ignored
  it.each([
    [['--epochs', '1.5'], 'finetune: --epochs must be an integer >= 1; got "1.5"'],
    [['--batch', '16,2.5'], 'finetune: --batch must be comma-separated integers >= 1; got "16,2.5"'],
    [['--max-train', '0'], 'finetune: --max-train must be an integer >= 1; got "0"'],
    [['--max-eval', '0.5'], 'finetune: --max-eval must be an integer >= 1; got "0.5"'],
    [['--patience', '0'], 'finetune: --patience must be an integer >= 1; got "0"'],
    [['--search-seeds', 'all'], 'finetune: --search-seeds must be an integer >= 1; got "all"'],
    [['--lr', '0x10'], 'finetune: --lr must be comma-separated positive decimal numbers; got "0x10"'],
    [
      ['--seeds', '1,-2'],
      'finetune: --seeds must be comma-separated integers in [0, 4294967295]; got "1,-2"',
    ],
    [['--data-dir', '.'], 'finetune: --data-dir applies only with --task; got it with --task-spec'],
    [
      ['--languages', 'en,fr'],
      'finetune: --languages applies only with --xnli or --libreoffice; got it with --task-spec',
    ],
  ])(
    'refuses %j: %s',
    (flags, message) => {
      expect(run(...flags)).toEqual({ status: 1, stderr: message });
    },
    60_000,
  );

  it('refuses a misspelt flag', () => {
    expect(run('--epoch', '3').stderr).toMatch(/^finetune: Unknown option '--epoch'/);
  }, 60_000);

  it('fine-tunes over the grid and appends the rows to --out (what a grid cell writes afresh)', async () => {
    await initBackend({ log: null });
    const model = await tinyModel(dir);
    const out = join(dir, 'appended.csv');
    const flags = ['--task-spec', spec, '--model', model, '--lr', '1e-3', '--batch', '2', '--epochs', '1'];
    const first = runCli(CLI, [...flags, '--label', 'tiny', '--out', out]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /^finetune own \(backend \w+\): chosen on own's dev: lr 0\.001, batch 2 \(mean best accuracy [\d.]+ over seed 1\); best epochs 1 \(seed 1\); \d+ rows appended to /,
    );
    const rows = await readResultRows(out);
    expect(new Set(rows.map((r) => `${r.model} ${r.task} ${r.lr} ${r.batch} ${r.seed} ${r.epoch}`))).toEqual(
      new Set(['tiny own 0.001 2 1 1']),
    );
    expect(runCli(CLI, [...flags, '--label', 'tiny', '--out', out]).status).toBe(0);
    expect(await readResultRows(out)).toHaveLength(2 * rows.length);
  }, 120_000);

  it('runs the held-out protocol from flags: lr searched on seed 1, seed 2 at the choice, test scored at each best dev epoch', async () => {
    await initBackend({ log: null });
    const model = await tinyModel(dir);
    const heldOut = join(dir, 'held-out.json');
    writeFileSync(
      heldOut,
      JSON.stringify({
        name: 'own-held-out',
        files: { train: 'train.tsv', dev: 'train.tsv', test: 'train.tsv' },
        text: 'text',
        label: 'label',
        labels: ['neg', 'pos'],
      }),
    );
    const out = join(dir, 'held-out.csv');
    const r = runCli(CLI, [
      ...['--task-spec', heldOut, '--model', model, '--lr', '1e-3,3e-3', '--batch', '2', '--epochs', '3'],
      ...[
        '--seeds',
        '1,2',
        '--search-seeds',
        '1',
        '--patience',
        '1',
        '--test-split',
        'test',
        '--max-eval',
        '1',
      ],
      ...['--out', out],
    ]);
    expect(r.status).toBe(0);
    const rows = await readResultRows(out);
    // the search: both lrs with seed 1 only; seed 2 at the chosen lr
    expect(new Set(rows.filter((x) => x.seed === 1).map((x) => x.lr))).toEqual(new Set([1e-3, 3e-3]));
    const chosen = new Set(rows.filter((x) => x.seed === 2).map((x) => x.lr));
    expect(chosen.size).toBe(1);
    for (const seed of [1, 2]) {
      const lr = seed === 2 ? [...chosen][0] : undefined;
      const dev = rows.filter(
        (x) => x.seed === seed && x.split === 'dev' && (lr === undefined || x.lr === lr),
      );
      // patience 1 over 3 epochs: a run stops once an epoch fails to beat its best
      expect(dev.length).toBeGreaterThan(0);
      const test = rows.filter((x) => x.seed === seed && x.split === 'test');
      expect(test.length).toBeGreaterThan(0);
      for (const t of test) {
        const own = rows.filter(
          (x) => x.split === 'dev' && x.seed === seed && x.lr === t.lr && x.metric === 'accuracy',
        );
        const best = own.reduce((a, b) => (b.value > a.value ? b : a));
        expect(t.epoch).toBe(best.epoch);
      }
    }
  }, 180_000);
});
