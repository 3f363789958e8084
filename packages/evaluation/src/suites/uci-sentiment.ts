import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { withFileContext } from '@ksub/core';
import { assertSplit } from '../tasks/assert-split';
import type { Example, LoadedSplit, MetricName, SkippedRow, Task } from '../tasks/task';
import { splitByHash } from './split-by-hash';

/** The three review sources of the UCI Sentiment Labelled Sentences. */
export const UCI_SENTIMENT_SOURCES = ['amazon', 'imdb', 'yelp'] as const;

/** Where npm's `sentiment@5.0.2` ships the UCI sentences (`test/fixtures/<source>.json`). */
export function uciSentimentDir(): string {
  return join(dirname(require.resolve('sentiment/package.json')), 'test', 'fixtures');
}

/**
 * English sentiment, the offline stand-in for SST-2: the UCI Sentiment Labelled Sentences (Kotzias
 * et al. 2015; 1,000 Amazon, IMDb and Yelp review sentences each, balanced positive/negative), as
 * shipped in npm's `sentiment` package. Train/dev by a hash of source and index (dev 20%). What it
 * cannot show: SST-2's 67k training sentences and its phrase-level labels; with 3,000 short
 * sentences, fine-tuning differences between embeddings are noisier.
 */
export class UciSentimentTask implements Task {
  readonly name = 'uci-sentiment';
  readonly kind = 'classification';
  readonly labels = ['negative', 'positive'] as const;
  readonly pair = false;
  readonly metrics: readonly MetricName[] = ['accuracy', 'f1'];
  readonly splits = ['train', 'dev'] as const;
  readonly description =
    'UCI Sentiment Labelled Sentences (Amazon, IMDb, Yelp; npm sentiment@5.0.2): the SST-2 stand-in, binary sentiment of review sentences';

  constructor(private readonly dir: string = uciSentimentDir()) {}

  async load(split: string): Promise<LoadedSplit> {
    assertSplit(this.name, this.splits, split);
    const examples: Example[] = [];
    const skipped: SkippedRow[] = [];
    for (const source of UCI_SENTIMENT_SOURCES) {
      const file = join(this.dir, `${source}.json`);
      const text = await withFileContext('read the UCI sentences', file, () => readFile(file, 'utf8'));
      const rows = JSON.parse(text) as { text: unknown; class: unknown }[];
      rows.forEach((row, i) => {
        if (splitByHash(`${source}:${i}`, 0.2) !== split) return;
        // the "line" of a JSON array row is its 1-based position
        if (typeof row.text !== 'string' || row.text.trim().length === 0)
          return void skipped.push({ file, line: i + 1, reason: 'empty text' });
        if (row.class !== 0 && row.class !== 1)
          return void skipped.push({
            file,
            line: i + 1,
            reason: `unknown label ${JSON.stringify(row.class)}`,
          });
        examples.push({ text: row.text.trim(), label: row.class });
      });
    }
    return { examples, skipped };
  }
}
