import { readSwordBible, type Verse } from '@ksub/datasets';
import { assertSplit } from '../tasks/assert-split';
import type { Example, LoadedSplit, MetricName, Task } from '../tasks/task';
import { splitByHash } from './split-by-hash';

const key = (v: Verse) => `${v.book} ${v.chapter}:${v.verse}`;

/**
 * English paraphrase pairs from two Bible translations aligned by verse (Debian's SWORD modules of
 * the King James Version and the World English Bible): a KJV verse with the WEB rendering of the
 * same verse is a paraphrase (1); with the WEB rendering of the next verse of the chapter — same
 * style, same topic, a hard negative — it is not (0). Each KJV verse is used once, positive or
 * negative by a hash of its reference; whole chapters go to dev (10%) or train by hash, so no
 * chapter is split. The MRPC stand-in: real sentence pairs with a real relation, but archaic
 * against modern English, and negatives that neighbouring verses make easier than MRPC's.
 * Needs `npx nx run corpus:setup-debian` (sword-text-kjv, sword-text-web).
 */
export class BibleParaphraseTask implements Task {
  readonly name = 'bible-paraphrase';
  readonly kind = 'classification';
  readonly labels = ['different', 'paraphrase'] as const;
  readonly pair = true;
  readonly metrics: readonly MetricName[] = ['accuracy', 'f1'];
  readonly splits = ['train', 'dev'] as const;
  readonly description =
    'KJV ↔ WEB verse pairs (Debian SWORD modules): paraphrase vs the next verse (MRPC stand-in)';
  private cache: Map<string, Example[]> | undefined;

  constructor(private readonly swordRoot?: string) {}

  private async build(): Promise<Map<string, Example[]>> {
    const [kjv, web] = await Promise.all([
      readSwordBible('kjv', this.swordRoot),
      readSwordBible('web', this.swordRoot),
    ]);
    const webByKey = new Map(web.map((v) => [key(v), v.text]));
    const out = new Map<string, Example[]>([
      ['train', []],
      ['dev', []],
    ]);
    for (const v of kjv) {
      const same = webByKey.get(key(v));
      const next = webByKey.get(`${v.book} ${v.chapter}:${v.verse + 1}`);
      if (same === undefined || next === undefined || v.text.length === 0) continue; // unaligned or chapter end
      const positive = splitByHash(`pair ${key(v)}`, 0.5) === 'dev';
      const split = splitByHash(`chapter ${v.book} ${v.chapter}`, 0.1);
      // the KJV marks paragraph starts with ¶, a signal only one side has: dropped
      out.get(split)?.push({
        text: v.text.replace(/^¶\s*/, ''),
        textPair: positive ? same : next,
        label: positive ? 1 : 0,
      });
    }
    return out;
  }

  async load(split: string): Promise<LoadedSplit> {
    assertSplit(this.name, this.splits, split);
    this.cache ??= await this.build();
    return { examples: this.cache.get(split) ?? [], skipped: [] };
  }
}
