import { createProgress } from './progress';

function sink() {
  const lines: string[] = [];
  return {
    lines,
    stream: { isTTY: false, write: (s: string) => lines.push(s) > 0 } as unknown as NodeJS.WritableStream,
  };
}

describe('createProgress without a terminal', () => {
  const saved = process.env['KSUB_PROGRESS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['KSUB_PROGRESS'];
    else process.env['KSUB_PROGRESS'] = saved;
  });

  it('writes a line per interval and a final line with rate and fields', () => {
    delete process.env['KSUB_PROGRESS'];
    let t = 0;
    const { lines, stream } = sink();
    const bar = createProgress({
      label: 'pack',
      unit: 'docs',
      total: 10,
      stream,
      intervalMs: 1000,
      now: () => t,
    });
    t = 500;
    bar.tick(2);
    expect(lines).toEqual([]); // within the interval
    t = 2000;
    bar.tick(2, { tokens: 1234.5678 });
    t = 4000;
    bar.stop();
    expect(lines).toEqual([
      'pack: 4/10 docs | 2/s | 2.0 s | ETA 3s | tokens 1235\n', // 6 left at 2/s
      'pack: 4/10 docs | 1/s | 4.0 s | tokens 1235 | done\n',
    ]);
  });

  it('starts a resumed run at initial, counting only this run in the rate and ETA', () => {
    delete process.env['KSUB_PROGRESS'];
    let t = 0;
    const { lines, stream } = sink();
    const bar = createProgress({
      label: 'pretrain',
      unit: 'steps',
      total: 2000,
      initial: 500,
      stream,
      intervalMs: 1000,
      now: () => t,
    });
    t = 20_000;
    bar.tick(10); // 10 steps in 20 s: 0.5/s; 1490 left take 2980 s
    expect(lines).toEqual(['pretrain: 510/2000 steps | 0.5/s | 20.0 s | ETA 49m 40s\n']);
  });

  it('rejects a negative initial, naming it', () => {
    expect(() => createProgress({ label: 'x', initial: -1 })).toThrow(/initial.*-1/);
  });

  it('is silent with KSUB_PROGRESS=off', () => {
    process.env['KSUB_PROGRESS'] = 'off';
    const { lines, stream } = sink();
    const bar = createProgress({ label: 'x', stream, intervalMs: 0 });
    bar.tick();
    bar.stop();
    expect(lines).toEqual([]);
  });
});
