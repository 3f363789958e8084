import { udhrText, XNLI_LANGUAGES, type XnliLanguage } from '@ksub/datasets';
import type { Tokenizer } from '@ksub/tokenizers';

/** How finely one tokenizer cuts one language. */
export interface FertilityRow {
  readonly tokenizer: string;
  readonly language: XnliLanguage;
  /** Tokens of the whole UDHR text (no special tokens). */
  readonly tokens: number;
  /** Whitespace-separated words of the same text. */
  readonly words: number;
  /** Characters (Unicode code points) of the same text. */
  readonly characters: number;
  /** tokens / words; not comparable for Thai and Chinese, written without spaces between words. */
  readonly tokensPerWord: number;
  /** tokens / characters. */
  readonly tokensPerChar: number;
}

/**
 * Fertility of each tokenizer on the Universal Declaration of Human Rights in the 15 XNLI
 * languages: the same content everywhere, so the counts compare how each vocabulary treats each
 * language (a vocabulary weak on a script needs many more tokens for it).
 *
 * @example
 * ```ts
 * const rows = await tokenizerFertility([await getTokenizer('roberta-gpt2')]);
 * ```
 */
export async function tokenizerFertility(
  tokenizers: readonly Tokenizer[],
  languages: readonly XnliLanguage[] = XNLI_LANGUAGES,
): Promise<FertilityRow[]> {
  const rows: FertilityRow[] = [];
  for (const language of languages) {
    const text = await udhrText(language);
    const words = text.split(/\s+/).filter((w) => w.length > 0).length;
    const characters = [...text].length;
    for (const tok of tokenizers) {
      const tokens = tok.encode(text, { addSpecialTokens: false }).length;
      rows.push({
        tokenizer: tok.name,
        language,
        tokens,
        words,
        characters,
        tokensPerWord: tokens / words,
        tokensPerChar: tokens / characters,
      });
    }
  }
  return rows;
}

/**
 * Markdown for `docs/results/tokenizer-fertility.md`: a table of tokens per language and tokenizer
 * with tokens per word and per character, and the ratio to English.
 */
export function renderFertilityMarkdown(rows: readonly FertilityRow[]): string {
  const names = [...new Set(rows.map((r) => r.tokenizer))];
  const languages = [...new Set(rows.map((r) => r.language))];
  const cell = (name: string, language: string) =>
    rows.find((r) => r.tokenizer === name && r.language === language);
  const header = `| language | words | chars | ${names.map((n) => `${n} tokens | tok/word | tok/char | × en`).join(' | ')} |`;
  const rule = `|---|---:|---:|${names.map(() => '---:|---:|---:|---:').join('|')}|`;
  const lines = languages.map((language) => {
    const first = cell(names[0] ?? '', language);
    const parts = names.map((name) => {
      const r = cell(name, language);
      const en = cell(name, 'en');
      if (r === undefined) return '— | — | — | —';
      const ratio = en === undefined ? '—' : (r.tokens / en.tokens).toFixed(2);
      return `${r.tokens.toLocaleString('en-US')} | ${r.tokensPerWord.toFixed(2)} | ${r.tokensPerChar.toFixed(3)} | ${ratio}`;
    });
    return `| ${language} | ${first?.words.toLocaleString('en-US') ?? '—'} | ${first?.characters.toLocaleString('en-US') ?? '—'} | ${parts.join(' | ')} |`;
  });
  return `${header}\n${rule}\n${lines.join('\n')}\n`;
}

/**
 * One sentence per tokenizer: its largest and median token ratio to English, computed from `rows`.
 *
 * @example
 * ```ts
 * summarizeFertility(rows); // ['roberta-gpt2: median 3.74× English, up to 9.18× (th)', …]
 * ```
 */
export function summarizeFertility(rows: readonly FertilityRow[]): string[] {
  const names = [...new Set(rows.map((r) => r.tokenizer))];
  return names.map((name) => {
    const mine = rows.filter((r) => r.tokenizer === name);
    const en = mine.find((r) => r.language === 'en');
    if (en === undefined) return `${name}: no English row to compare with`;
    const ratios = mine
      .filter((r) => r.language !== 'en')
      .map((r) => ({ language: r.language, ratio: r.tokens / en.tokens }));
    ratios.sort((a, b) => a.ratio - b.ratio);
    const median = ratios[Math.floor((ratios.length - 1) / 2)];
    const worst = ratios[ratios.length - 1];
    return `${name}: median ${median?.ratio.toFixed(2)}× English, up to ${worst?.ratio.toFixed(2)}× (${worst?.language})`;
  });
}
