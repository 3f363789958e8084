import { summarizeRun, summaryTable } from './run-summary';

describe('summarizeRun', () => {
  const records = [
    { type: 'train', step: 10, loss: 9, tokensPerSecond: 1000, elapsedSeconds: 20 },
    { type: 'validation', step: 10, loss: 8.5, perplexity: Math.exp(8.5), accuracy: 0.05, unigramLoss: 7.5 },
    { type: 'train', step: 20, loss: 7, tokensPerSecond: 1200, elapsedSeconds: 40 },
    { type: 'validation', step: 20, loss: 6.5, perplexity: Math.exp(6.5), accuracy: 0.12, unigramLoss: 7.5 },
  ];

  it('takes the last train and validation records', () => {
    const s = summarizeRun({ label: 'full', records });
    expect(s).toMatchObject({
      steps: 20,
      trainLoss: 7,
      validationLoss: 6.5,
      accuracy: 0.12,
      unigramLoss: 7.5,
      tokensPerSecond: 1200,
    });
    expect(summaryTable([s])).toContain(
      '| full | 20 | 7.000 | 6.500 | 665.1 | 12.0% | 7.500 | -1.000 | 1200 | 0.7 min |',
    );
  });

  it('names a run without validation', () => {
    expect(() => summarizeRun({ label: 'x', records: records.slice(0, 1) })).toThrow(
      'run x needs at least one train and one validation record',
    );
  });
});
