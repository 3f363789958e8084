import { createHash } from 'node:crypto';
import { getCorpus } from '@ksub/corpus';
import { BibleParaphraseTask, type Example, getTask, loadNonEmpty } from '@ksub/evaluation';
import { loadUseLiteTokenizer } from '@ksub/tokenizers';
import { sampleSentences } from './sentence-sample';

/** One probe task's splits as USE-lite ids and labels. */
export interface ProbeData {
  readonly task: string;
  /** The task's first metric (what the probe's L2 is chosen on and what is reported). */
  readonly metric: 'accuracy' | 'f1';
  readonly numLabels: number;
  readonly splits: Readonly<
    Record<
      'train' | 'dev' | 'test',
      { readonly ids: number[][]; readonly labels: Int32Array; readonly examples: Example[] }
    >
  >;
}

/** Paraphrase pairs as USE-lite ids: `first[i]` and `second[i]` with label 1 (paraphrase) or 0. */
export interface PairData {
  readonly task: string;
  readonly first: number[][];
  readonly second: number[][];
  readonly labels: Int32Array;
}

/** Everything the USE-lite study embeds, tokenized once. */
export interface UseLiteData {
  /** Sentences of the English-offline corpus (for the sentence-vector cosine). */
  readonly sentences: { readonly texts: string[]; readonly ids: number[][]; readonly eligible: number };
  readonly probes: readonly ProbeData[];
  /** Bible paraphrase pairs, or `undefined` with the reason when the SWORD modules are missing. */
  readonly pairs: PairData | undefined;
  readonly pairsSkipped?: string;
  /** Sentences each compressed model embeds. */
  readonly perModel: number;
}

/** Sizes of {@link loadUseLiteData}. */
export interface UseLiteDataOptions {
  readonly sentences: number;
  readonly tasks: readonly string[];
  /** Paraphrase pairs from bible-paraphrase's dev split (0: none). */
  readonly pairs: number;
  /** At most this many examples per probe split (smallest hash keys; default all). */
  readonly maxPerSplit?: number;
}

const hashKey = (text: string) => createHash('sha256').update(text).digest('hex');
const byHash = <T extends { readonly text: string }>(items: readonly T[], n: number) =>
  items.length <= n
    ? [...items]
    : items
        .map((e) => [hashKey(e.text + '\u0000' + ((e as { textPair?: string }).textPair ?? '')), e] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .slice(0, n)
        .map(([, e]) => e);

/**
 * Loads and tokenizes the study's real text: `sentences` English-offline sentences
 * ({@link sampleSentences}), the probe tasks' train/dev/test splits (the held-out splits of the
 * evidence protocol), and `pairs` KJV↔WEB paraphrase pairs of bible-paraphrase's dev split (by
 * hash; skipped with the reason when the Debian SWORD modules are not installed).
 */
export async function loadUseLiteData(options: UseLiteDataOptions): Promise<UseLiteData> {
  const fn = 'useLite';
  const tokenizer = await loadUseLiteTokenizer();
  const encode = (text: string) => Array.from(tokenizer.encode(text, { addSpecialTokens: false }));
  const sample = await sampleSentences(getCorpus('english-offline').documents(), {
    count: options.sentences,
  });
  const probes: ProbeData[] = [];
  for (const name of options.tasks) {
    const task = getTask(name);
    const metric = task.metrics[0];
    if (metric !== 'accuracy' && metric !== 'f1')
      throw new RangeError(
        `${fn}: task ${JSON.stringify(name)} must report accuracy or f1 first; got ${String(metric)}`,
      );
    const splits = {} as Record<
      'train' | 'dev' | 'test',
      { ids: number[][]; labels: Int32Array; examples: Example[] }
    >;
    for (const split of ['train', 'dev', 'test'] as const) {
      const loaded = await loadNonEmpty(fn, task, split);
      const examples: Example[] = byHash(loaded.examples, options.maxPerSplit ?? Number.POSITIVE_INFINITY);
      splits[split] = {
        ids: examples.map((e) => encode(e.text)),
        labels: Int32Array.from(examples, (e) => e.label),
        examples,
      };
    }
    probes.push({ task: name, metric, numLabels: task.labels.length, splits });
  }
  let pairs: PairData | undefined;
  let pairsSkipped: string | undefined;
  if (options.pairs > 0) {
    try {
      const dev = (await new BibleParaphraseTask().load('dev')).examples;
      const chosen = byHash(dev, options.pairs);
      pairs = {
        task: 'bible-paraphrase',
        first: chosen.map((e) => encode(e.text)),
        second: chosen.map((e) => encode(e.textPair ?? '')),
        labels: Int32Array.from(chosen, (e) => e.label),
      };
    } catch (error) {
      pairsSkipped = `bible-paraphrase not available: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  const probeCount = probes.reduce(
    (s, p) => s + p.splits.train.ids.length + p.splits.dev.ids.length + p.splits.test.ids.length,
    0,
  );
  return {
    sentences: { texts: sample.sentences, ids: sample.sentences.map(encode), eligible: sample.eligible },
    probes,
    pairs,
    ...(pairsSkipped === undefined ? {} : { pairsSkipped }),
    perModel: sample.sentences.length + probeCount + 2 * (pairs?.first.length ?? 0),
  };
}
