import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lockBeside } from '@ksub/core/node';
import { loadTaskSpec } from '@ksub/evaluation';
import { type CliRun, type DrillCase, expectCliError, lastLine, runCli } from './drill-case';
import { GOOD_TSV, tinyModel, twoClassSpec as spec, writeTask } from './tiny-inputs';

const FINETUNE_CLI = 'packages/experiments/src/cli/finetune.ts';

/** Runs the fine-tuning CLI on a spec, one small grid cell, results into `dir/results.csv`. */
function finetuneCli(dir: string, taskSpec: string, model: string, ...flags: string[]): CliRun {
  return runCli(FINETUNE_CLI, [
    '--task-spec',
    taskSpec,
    '--model',
    model,
    '--lr',
    '1e-3',
    '--batch',
    '2',
    '--epochs',
    '1',
    '--out',
    join(dir, 'results.csv'),
    ...flags,
  ]);
}

const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';

const emptyTrainSplit: DrillCase = {
  id: 'finetune-no-usable-rows',
  defect: 4,
  action: 'fine-tune on a header-only train file, then on one whose every label is unknown',
  expected: 'exit 1 before training, naming the split and listing the skipped rows; no results CSV written',
  async run(dir) {
    const model = await tinyModel(dir);
    await writeFile(join(dir, 'dev.tsv'), GOOD_TSV);
    const headerOnly = await writeTask(dir, spec('empty.tsv', 'dev.tsv'), { 'empty.tsv': 'text\tlabel\n' });
    const a = finetuneCli(dir, headerOnly, model);
    const unknown = await writeTask(dir, spec('odd.tsv', 'dev.tsv'), {
      'odd.tsv': 'text\tlabel\nx\tyes\ny\tno\n',
    });
    const b = finetuneCli(dir, unknown, model);
    const must = 'finetune: split "train" of task "own" must have at least one usable example';
    const ok =
      a.status === 1 &&
      a.stderr.includes(`${must}; got 0 (no rows, none skipped)`) &&
      b.status === 1 &&
      b.stderr.includes(`${must}; got 0 of 2 rows, all skipped`) &&
      b.stderr.includes('odd.tsv:2: unknown label "yes"') &&
      !existsSync(join(dir, 'results.csv'));
    return {
      ok,
      observed: `header only: exit ${a.status}, "${lastLine(a.stderr)}"; unknown labels: exit ${b.status}, "${firstLine(b.stderr.slice(b.stderr.indexOf('finetune:')))}"; results CSV ${existsSync(join(dir, 'results.csv')) ? 'written' : 'absent'}`,
    };
  },
};

const quotedNewline: DrillCase = {
  id: 'task-spec-quoted-newline',
  defect: 5,
  action: 'fine-tune on a .csv whose first review is quoted over two lines, with one line of bad quoting',
  expected:
    'the quoted review is one example (its second line is no row); the bad line is skipped and reported with its number',
  async run(dir) {
    const model = await tinyModel(dir);
    const csv = [
      'text,label',
      '"a review that goes',
      'on, to a second line",pos',
      'broke in a week,neg',
      '"bad" quoting,pos',
      'works well,pos',
      'never again,neg',
      '',
    ].join('\n');
    const taskSpec = await writeTask(dir, spec('train.csv', 'train.csv'), { 'train.csv': csv });
    const { examples, skipped } = await (await loadTaskSpec(taskSpec)).load('train');
    const r = finetuneCli(dir, taskSpec, model);
    const results = existsSync(join(dir, 'results.csv'))
      ? await readFile(join(dir, 'results.csv'), 'utf8')
      : '';
    const ok =
      examples.length === 4 &&
      examples[0]?.text === 'a review that goes\non, to a second line' &&
      !examples.some((e) => e.text.startsWith('on, to')) &&
      skipped.length === 1 &&
      skipped[0]?.line === 5 &&
      r.status === 0 &&
      r.stdout.includes('2 rows skipped while loading') && // train and dev are the same file
      r.stdout.includes(`${join(dir, 'train.csv')}:5: malformed quoting`) &&
      results.trim().split('\n').length === 3; // header, accuracy, f1
    return {
      ok,
      observed: `${examples.length} examples, first ${JSON.stringify(examples[0]?.text)}; skipped ${skipped.map((s) => `line ${s.line}: ${s.reason}`).join('; ')}; CLI exit ${r.status}, "${r.stdout.split('\n').find((l) => l.includes('skipped')) ?? ''}"`,
    };
  },
};

const emptyDelimiter: DrillCase = {
  id: 'task-spec-empty-delimiter',
  defect: 6,
  action: 'fine-tune with a task spec holding "delimiter": ""',
  expected: 'exit 1 at once, naming the key and the value; nothing written',
  async run(dir) {
    const model = await tinyModel(dir);
    const taskSpec = await writeTask(dir, spec('train.tsv', 'train.tsv', { delimiter: '' }), {
      'train.tsv': GOOD_TSV,
    });
    const r = finetuneCli(dir, taskSpec, model);
    const must = `taskFromSpec (${taskSpec}): delimiter: must be exactly one character`;
    return expectCliError(r, [must, /; got ""$/], {
      within: 20,
      also: !existsSync(join(dir, 'results.csv')),
    });
  },
};

const silentAcceptance: DrillCase = {
  id: 'task-spec-and-flags-checked',
  defect: 7,
  action:
    'a task spec with "labelz" and a repeated label; a regression score "0x10"; then --epochs 1.5, --batch 2.5 and --data-dir with --task-spec',
  expected:
    'the spec is refused naming the key and the label; the 0x10 row is skipped with its line; each flag is refused naming it and its value',
  async run(dir) {
    const model = await tinyModel(dir);
    await writeFile(join(dir, 'train.tsv'), GOOD_TSV);
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ ...spec('train.tsv', 'train.tsv'), labelz: ['a'], labels: ['neg', 'pos', 'neg'] }),
    );
    const refused = finetuneCli(dir, bad, model);
    const scores = await writeTask(
      dir,
      { ...spec('scores.tsv', 'scores.tsv'), labels: 'regression', label: 'score' },
      { 'scores.tsv': 'text\tscore\na\t4.5\nb\t0x10\nc\t1e\nd\t2\n' },
    );
    const { examples, skipped } = await (await loadTaskSpec(scores)).load('train');
    const good = await writeTask(dir, spec('train.tsv', 'train.tsv'), {});
    const flags = [
      ['--epochs', '1.5'],
      ['--batch', '2.5'],
      ['--data-dir', dir],
    ].map((f) => lastLine(finetuneCli(dir, good, model, ...f).stderr));
    const spelled = lastLine(refused.stderr);
    const ok =
      refused.status === 1 &&
      spelled.includes('unknown key "labelz"') &&
      spelled.includes('"neg" is repeated') &&
      examples.map((e) => e.label).join() === '4.5,2' &&
      skipped.map((s) => s.line).join() === '3,4' &&
      flags[0] === 'finetune: --epochs must be an integer >= 1; got "1.5"' &&
      flags[1] === 'finetune: --batch must be comma-separated integers >= 1; got "2.5"' &&
      flags[2] === 'finetune: --data-dir applies only with --task; got it with --task-spec' &&
      !existsSync(join(dir, 'results.csv'));
    return {
      ok,
      observed: `spec: "${spelled}"; scores kept [${examples.map((e) => e.label).join(', ')}], skipped lines ${skipped.map((s) => s.line).join(', ')}; flags: ${flags.map((f) => `"${f}"`).join('; ')}`,
    };
  },
};

const directoryAsFile: DrillCase = {
  id: 'task-spec-is-a-directory',
  defect: 8,
  action: 'pass a directory as --task-spec, then a spec whose train file is a directory',
  expected: 'exit 1 with a message naming the path and saying it is a directory',
  async run(dir) {
    const specDir = join(dir, 'spec.json');
    await mkdir(specDir);
    const model = await tinyModel(dir);
    const a = finetuneCli(dir, specDir, model);
    await mkdir(join(dir, 'train.tsv'));
    const taskSpec = await writeTask(dir, spec('train.tsv', 'dev.tsv'), { 'dev.tsv': GOOD_TSV });
    const b = finetuneCli(dir, taskSpec, model);
    const ok =
      a.status === 1 &&
      lastLine(a.stderr) === `cannot read the task spec ${specDir}: is a directory, not a file (EISDIR)` &&
      b.status === 1 &&
      lastLine(b.stderr) ===
        `cannot read the data file ${join(dir, 'train.tsv')}: is a directory, not a file (EISDIR)`;
    return { ok, observed: `"${lastLine(a.stderr)}"; "${lastLine(b.stderr)}"` };
  },
};

const lockedSaveTo: DrillCase = {
  id: 'finetune-save-to-locked',
  defect: 2,
  action: 'fine-tune with --save-to DIR while another fine-tuning holds DIR',
  expected: 'exit 1 at once naming the lock holder (pid, host); nothing trained, saved or appended',
  async run(dir) {
    const model = await tinyModel(dir);
    const taskSpec = await writeTask(dir, spec('train.tsv', 'train.tsv'), { 'train.tsv': GOOD_TSV });
    const saveTo = join(dir, 'after-finetune');
    const held = await lockBeside(saveTo, 'finetune');
    let r: CliRun;
    try {
      r = finetuneCli(dir, taskSpec, model, '--save-to', saveTo);
    } finally {
      await held.release();
    }
    return expectCliError(r, [`is locked by finetune (pid ${process.pid} on `], {
      also: !existsSync(join(saveTo, 'config.json')) && !existsSync(join(dir, 'results.csv')),
    });
  },
};

/**
 * The fault-drill cases of the task loaders and the fine-tuning CLI (defects 2, 4–8 of
 * docs/reliability.md), each given a fresh tiny model to fine-tune.
 */
export const taskCases: readonly DrillCase[] = [
  emptyTrainSplit,
  quotedNewline,
  emptyDelimiter,
  silentAcceptance,
  directoryAsFile,
  lockedSaveTo,
];
