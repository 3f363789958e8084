import { type CliRun, expectCliError, lastLine } from './drill-case';

/** A CLI run that exited `status` after `seconds`, its error on the last line of stderr. */
const exited = (status: number | null, stderr: string, seconds = 0.5): CliRun => ({
  status,
  stdout: '',
  stderr,
  signal: status === null ? 'SIGTERM' : null,
  seconds,
});

describe('lastLine', () => {
  it('is the last line with text: where a CLI prints the error that stopped it', () => {
    expect(lastLine('a warning\nfinetune: --epochs must be …\n\n')).toBe('finetune: --epochs must be …');
    expect(lastLine('')).toBe('');
  });
});

describe('expectCliError', () => {
  const refusal = exited(1, 'a warning\npretrain: unknown key "stepz"; batchSize: got 2.5\n');

  it('passes an exit 1 whose last stderr line includes every string and matches every RegExp', () => {
    expect(expectCliError(refusal, ['unknown key "stepz"', /batchSize: .*got 2\.5/])).toEqual({
      ok: true,
      observed: 'exit 1: "pretrain: unknown key "stepz"; batchSize: got 2.5"',
    });
  });

  it('fails another exit status, a message without a part, or a line other than the last', () => {
    expect(expectCliError(exited(0, 'unknown key "stepz"'), ['unknown key']).ok).toBe(false);
    expect(expectCliError(exited(2, 'unknown key "stepz"'), ['unknown key']).ok).toBe(false);
    expect(expectCliError(refusal, ['unknown key "steps"']).ok).toBe(false);
    expect(expectCliError(refusal, [/^a warning/]).ok).toBe(false);
  });

  it('fails a refusal that came too late or left something behind, and says how long it took', () => {
    const late = exited(1, 'locked', 31);
    expect(expectCliError(late, ['locked'], { within: 30 })).toEqual({
      ok: false,
      observed: 'exit 1 after 31.0 s: "locked"',
    });
    expect(expectCliError(exited(1, 'locked', 2), ['locked'], { within: 30 }).ok).toBe(true);
    expect(expectCliError(refusal, ['stepz'], { also: false }).ok).toBe(false);
  });

  it('names the signal of a run killed at its time limit', () => {
    expect(expectCliError(exited(null, ''), [])).toEqual({ ok: false, observed: 'exit SIGTERM: ""' });
  });
});
