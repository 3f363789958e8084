import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { withFileContext } from '@ksub/core';
import { type SplitItem, stratifiedSplit } from '../splits/stratified-split';
import { SUITE_SPLIT_FRACTIONS } from '../splits/suite-fractions';
import { assertSplit } from '../tasks/assert-split';
import type { Example, LoadedSplit, MetricName, SkippedRow, Task } from '../tasks/task';

/** The three review sources of the UCI Sentiment Labelled Sentences. */
export const UCI_SENTIMENT_SOURCES = ['amazon', 'imdb', 'yelp'] as const;

/** Where npm's `sentiment@5.0.2` ships the UCI sentences (`test/fixtures/<source>.json`). */
export function uciSentimentDir(): string {
  return join(dirname(require.resolve('sentiment/package.json')), 'test', 'fixtures');
}

/**
 * English sentiment, the offline stand-in for SST-2: the UCI Sentiment Labelled Sentences (Kotzias
 * et al. 2015; 1,000 Amazon, IMDb and Yelp review sentences each, balanced positive/negative), as
 * shipped in npm's `sentiment` package. The 3,000 sentences (1,500 of each class) are split
 * 70/15/15 with `stratifiedSplit` (key `<source>:<index>`; the 19 repeated sentences, such as 4 ×
 * "Great phone.", kept in one split): train 2,100, dev 450, test 450, each exactly half positive.
 * Skipped rows (each file's final empty row, 3 in all) are reported once, with `train`. What it cannot
 * show: SST-2's 67k training sentences and its phrase-level labels; with 3,000 short sentences,
 * fine-tuning differences between embeddings are noisier.
 *
 * @example
 * ```ts
 * const { examples } = await new UciSentimentTask().load('test'); // 450 sentences, 225 positive
 * ```
 */
export class UciSentimentTask implements Task {
  readonly name = 'uci-sentiment';
  readonly kind = 'classification';
  readonly labels = ['negative', 'positive'] as const;
  readonly pair = false;
  readonly metrics: readonly MetricName[] = ['accuracy', 'f1'];
  readonly splits = ['train', 'dev', 'test'] as const;
  readonly description =
    'UCI Sentiment Labelled Sentences (Amazon, IMDb, Yelp; npm sentiment@5.0.2): the SST-2 stand-in, binary sentiment of review sentences; train/dev/test 70/15/15 stratified, balanced';
  private cache: Promise<Map<string, LoadedSplit>> | undefined;

  constructor(private readonly dir: string = uciSentimentDir()) {}

  async load(split: string): Promise<LoadedSplit> {
    assertSplit(this.name, this.splits, split);
    this.cache ??= this.build().catch((error: unknown) => {
      this.cache = undefined; // a missing file is named again on the next load, not remembered
      throw error;
    });
    return (await this.cache).get(split) as LoadedSplit;
  }

  private async build(): Promise<Map<string, LoadedSplit>> {
    const examples: Example[] = [];
    const items: SplitItem[] = [];
    const skipped: SkippedRow[] = [];
    for (const source of UCI_SENTIMENT_SOURCES) {
      const file = join(this.dir, `${source}.json`);
      const text = await withFileContext('read the UCI sentences', file, () => readFile(file, 'utf8'));
      const rows = JSON.parse(text) as { text: unknown; class: unknown }[];
      rows.forEach((row, i) => {
        // the "line" of a JSON array row is its 1-based position
        if (typeof row.text !== 'string' || row.text.trim().length === 0)
          return void skipped.push({ file, line: i + 1, reason: 'empty text' });
        if (row.class !== 0 && row.class !== 1)
          return void skipped.push({
            file,
            line: i + 1,
            reason: `unknown label ${JSON.stringify(row.class)}`,
          });
        const example = { text: row.text.trim(), label: row.class };
        examples.push(example);
        items.push({ key: `${source}:${i}`, ...example });
      });
    }
    const assigned = stratifiedSplit(items, SUITE_SPLIT_FRACTIONS);
    return new Map(
      this.splits.map((s) => [
        s,
        { examples: assigned[s].map((i) => examples[i] as Example), skipped: s === 'train' ? skipped : [] },
      ]),
    );
  }
}
