import { join } from 'node:path';
import { glueTask } from '../glue/glue-tasks';
import { xnliTranslateTrain } from '../glue/xnli-tasks';
import { concatTasks } from './concat-task';

const FIXTURES = join(__dirname, '../glue/fixtures');

describe('concatTasks', () => {
  it('concatenates the shared splits of tasks with the same labels', async () => {
    const mnli = glueTask('mnli', join(FIXTURES, 'glue_data'));
    const fr = xnliTranslateTrain(join(FIXTURES, 'XNLI-MT-1.0'), 'fr');
    const both = concatTasks('mnli+fr', [mnli, fr]);
    expect(both.splits).toEqual(['train']);
    const { examples } = await both.load('train');
    expect(examples.map((e) => e.label)).toEqual([1, 0, 1, 2]);
    await expect(both.load('dev_matched')).rejects.toThrow(
      'mnli+fr.load: split must be one of train; got "dev_matched"',
    );
  });

  it('refuses tasks that do not fit together', () => {
    expect(() => concatTasks('x', [glueTask('mnli', FIXTURES), glueTask('rte', FIXTURES)])).toThrow(
      'concatTasks: rte differs from mnli in kind, pairing or labels',
    );
    expect(() => concatTasks('x', [])).toThrow('parts must not be empty');
  });
});
