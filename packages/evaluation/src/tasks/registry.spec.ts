import '../register';
import { getTask, listTasks, registerTask, unregisterTask } from './registry';
import { taskFromSpec } from './task-from-spec';

describe('task registry', () => {
  it('has the GLUE tasks and XNLI built in', () => {
    expect(listTasks()).toEqual(
      expect.arrayContaining(['cola', 'sst2', 'mrpc', 'stsb', 'qqp', 'mnli', 'qnli', 'rte', 'xnli']),
    );
    expect(getTask('mnli', { dataDir: '/d' }).splits).toEqual(['train', 'dev_matched', 'dev_mismatched']);
  });

  it('takes a user task, refuses a taken name and names an unknown one', () => {
    registerTask('my-task', () =>
      taskFromSpec(
        { name: 'my-task', files: { train: 't.tsv' }, text: 0, label: 1, labels: ['a', 'b'] },
        '/',
      ),
    );
    expect(getTask('my-task').name).toBe('my-task');
    expect(() => registerTask('my-task', () => getTask('rte'))).toThrow(
      'registerTask: a task named "my-task" is already registered',
    );
    unregisterTask('my-task');
    expect(() => getTask('my-task')).toThrow('my-task');
  });
});
