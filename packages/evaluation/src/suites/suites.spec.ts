import { basename } from 'node:path';
import { normalizeText } from '../splits/stratified-split';
import type { Example, LoadedSplit } from '../tasks/task';
import { smsSpamTask } from './sms-spam';
import { splitByHash } from './split-by-hash';
import { UciSentimentTask } from './uci-sentiment';
import { UdhrLanguageIdTask } from './udhr-language-id';

const positives = (examples: readonly Example[]) => examples.filter((e) => e.label === 1).length;

/** Normalised texts found in more than one of the splits (leakage). */
function sharedTexts(splits: readonly LoadedSplit[]): string[] {
  const seen = new Map<string, number>();
  const shared = new Set<string>();
  splits.forEach((split, k) => {
    for (const e of split.examples) {
      const text = normalizeText(e.text);
      if ((seen.get(text) ?? k) !== k) shared.add(text);
      seen.set(text, k);
    }
  });
  return [...shared];
}

describe('offline English suites (real data from npm packages)', () => {
  it('UCI sentiment: 3 × 1,000 sentences split 70/15/15, stratified, balanced, the null rows reported once', async () => {
    const task = new UciSentimentTask();
    expect(task.splits).toEqual(['train', 'dev', 'test']);
    const loaded = await Promise.all(task.splits.map((s) => task.load(s)));
    // 1,500 per class (500 + 500 per source): 0.7 · 1,500 = 1,050 and 0.15 · 1,500 = 225 exactly
    expect(loaded.map((l) => l.examples.length)).toEqual([2100, 450, 450]);
    expect(loaded.map((l) => positives(l.examples))).toEqual([1050, 225, 225]);
    // 1,001 rows per file, the last an empty row: every row an example or reported, once, with train
    const [train, dev, test] = loaded as [LoadedSplit, LoadedSplit, LoadedSplit];
    expect(train.skipped.map((s) => [basename(s.file), s.line, s.reason])).toEqual([
      ['amazon.json', 1001, 'empty text'],
      ['imdb.json', 1001, 'empty text'],
      ['yelp.json', 1001, 'empty text'],
    ]);
    expect([dev.skipped, test.skipped]).toEqual([[], []]);
    expect(sharedTexts(loaded)).toEqual([]); // 19 sentences repeat ("Great phone." 4 times): each in one split
    const again = await new UciSentimentTask().load('test');
    expect(again.examples).toEqual(test.examples); // a function of the files
  });

  it('UCI sentiment: a missing source file is named', async () => {
    await expect(new UciSentimentTask('/nonexistent').load('train')).rejects.toThrow(
      'cannot read the UCI sentences /nonexistent/amazon.json: does not exist (ENOENT)',
    );
  });

  it('SMS spam: both files pooled and split 70/15/15, one class balance in every split', async () => {
    const task = smsSpamTask();
    expect(task.splits).toEqual(['train', 'dev', 'test']);
    const loaded = await Promise.all(task.splits.map((s) => task.load(s)));
    // `cut -f1 sms_dataset_{train,test}.tsv | sort | uniq -c`: 926 + 398 = 1,324 messages, 82 + 240 = 322 spam;
    // quotas by largest remainder: spam 225.4 / 48.3 / 48.3 → 226 / 48 / 48, ham 701.4 / 150.3 / 150.3 → 702 / 150 / 150
    expect(loaded.map((l) => l.examples.length)).toEqual([928, 198, 198]);
    expect(loaded.map((l) => positives(l.examples))).toEqual([226, 48, 48]);
    for (const l of loaded)
      expect(Math.abs(positives(l.examples) / l.examples.length - 322 / 1324)).toBeLessThan(0.002);
    expect(loaded.flatMap((l) => l.skipped)).toEqual([]);
    expect(sharedTexts(loaded)).toEqual([]); // 41 messages repeat, "Ok..." 10 times: each in one split
    expect(task.metrics).toEqual(['f1', 'accuracy']);
    expect(task.labels).toEqual(['ham', 'spam']);
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
