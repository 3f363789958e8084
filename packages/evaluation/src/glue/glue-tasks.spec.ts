import { join } from 'node:path';
import { glueTask, GLUE_TASKS } from './glue-tasks';
import { xnliTask, xnliTranslateTrain } from './xnli-tasks';

const GLUE = join(__dirname, 'fixtures/glue_data');
const XNLI = join(__dirname, 'fixtures/XNLI-1.0');

describe('GLUE loaders on fixtures in the distribution layout', () => {
  it('CoLA: no header, sentence in column 4, label in column 2; a 3-field row is reported', async () => {
    const { examples, skipped } = await glueTask('cola', GLUE).load('dev');
    expect(examples.map((e) => e.label)).toEqual([1, 0, 1]);
    expect(examples[2]?.text).toBe('The "quote is never closed.'); // an unbalanced quote stays one field
    expect(skipped).toEqual([
      { file: join(GLUE, 'CoLA/dev.tsv'), line: 4, reason: 'expected 4 fields, got 3' },
    ]);
  });

  it('SST-2: header; empty text and unknown label are reported with their lines', async () => {
    const { examples, skipped } = await glueTask('sst2', GLUE).load('dev');
    expect(examples.map((e) => [e.text, e.label])).toEqual([
      ["it 's a charming and often affecting journey .", 1],
      ['unflinchingly bleak and desperate', 0],
      ['the movie \'s " best moments', 1],
    ]);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [5, 'empty text'],
      [6, 'unknown label "positive" (expected one of 0, 1)'],
    ]);
  });

  it('MRPC: the header (with its byte-order mark) names Quality and the two strings', async () => {
    const task = glueTask('mrpc', GLUE);
    expect(task.metrics).toEqual(['f1', 'accuracy']);
    const { examples } = await task.load('dev');
    expect(examples.map((e) => e.label)).toEqual([1, 0]);
    expect(examples[0]?.textPair?.startsWith('"The foodservice')).toBe(true);
  });

  it('STS-B: a regression task on the score column; a non-numeric score is reported', async () => {
    const task = glueTask('stsb', GLUE);
    expect(task.kind).toBe('regression');
    const { examples, skipped } = await task.load('dev');
    expect(examples.map((e) => e.label)).toEqual([5, 4.75]);
    expect(skipped.map((s) => s.reason)).toEqual(['score "n/a" is not a plain decimal number']);
  });

  it('QQP: a cut row (wrong column count) is reported, not dropped silently', async () => {
    const { examples, skipped } = await glueTask('qqp', GLUE).load('dev');
    expect(examples).toHaveLength(2);
    expect(skipped).toEqual([
      { file: join(GLUE, 'QQP/dev.tsv'), line: 4, reason: 'expected 6 fields, got 3' },
    ]);
  });

  it('MNLI: train (12 columns) and both dev sets (16 columns) by header; gold label "-" reported', async () => {
    const task = glueTask('mnli', GLUE);
    expect(task.splits).toEqual(['train', 'dev_matched', 'dev_mismatched']);
    expect((await task.load('train')).examples.map((e) => e.label)).toEqual([1, 0]);
    const matched = await task.load('dev_matched');
    expect(matched.examples.map((e) => e.label)).toEqual([1, 2]);
    expect(matched.skipped.map((s) => s.line)).toEqual([4]);
    expect((await task.load('dev_mismatched')).examples.map((e) => e.label)).toEqual([2]);
  });

  it('QNLI and RTE: entailment / not_entailment', async () => {
    expect((await glueTask('qnli', GLUE).load('dev')).examples.map((e) => e.label)).toEqual([0, 1]);
    expect((await glueTask('rte', GLUE).load('dev')).examples.map((e) => e.label)).toEqual([1, 0]);
  });

  it('every GLUE task has a layout, and bad names or splits are errors', async () => {
    for (const name of GLUE_TASKS) expect(glueTask(name, GLUE).name).toBe(name);
    expect(() => glueTask('wnli', GLUE)).toThrow(
      'glueTask: name must be one of cola, sst2, mrpc, stsb, qqp, mnli, qnli, rte; got "wnli"',
    );
    await expect(glueTask('rte', GLUE).load('test')).rejects.toThrow(
      'rte.load: split must be one of train, dev; got "test"',
    );
    await expect(glueTask('rte', '/nonexistent').load('dev')).rejects.toThrow(
      'cannot read the data file /nonexistent/RTE/dev.tsv: does not exist (ENOENT)',
    );
  });
});

describe('XNLI loaders', () => {
  it('reads language, gold label and the sentence pair; an unknown label is reported', async () => {
    const { examples, skipped } = await xnliTask(XNLI).load('dev');
    expect(examples.map((e) => [e.language, e.label])).toEqual([
      ['en', 1],
      ['fr', 2],
      ['de', 0],
    ]);
    expect(skipped.map((s) => s.reason)).toEqual([
      'unknown label "unknown" (expected one of entailment, neutral, contradiction)',
    ]);
  });

  it('filters to the requested languages', async () => {
    const fr = await xnliTask(XNLI, ['fr']).load('dev');
    expect(fr.examples.map((e) => e.text)).toEqual(['Et il a dit, maman, je suis à la maison.']);
    expect((await xnliTask(XNLI, ['sw']).load('test')).examples).toHaveLength(1);
  });

  it('reads translate-train files, where contradiction is spelled contradictory', async () => {
    const { examples } = await xnliTranslateTrain(join(__dirname, 'fixtures/XNLI-MT-1.0'), 'fr').load(
      'train',
    );
    expect(examples.map((e) => e.label)).toEqual([1, 2]);
  });
});
