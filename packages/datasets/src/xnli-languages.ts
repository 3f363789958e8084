/** The 15 languages of XNLI, as ISO 639-1 codes, in the order of the XNLI paper's tables. */
export const XNLI_LANGUAGES = [
  'en',
  'fr',
  'es',
  'de',
  'el',
  'bg',
  'ru',
  'tr',
  'ar',
  'vi',
  'th',
  'zh',
  'hi',
  'sw',
  'ur',
] as const;

/** One of the 15 XNLI languages. */
export type XnliLanguage = (typeof XNLI_LANGUAGES)[number];

/** Whether `value` is one of the 15 XNLI language codes. */
export function isXnliLanguage(value: unknown): value is XnliLanguage {
  return typeof value === 'string' && (XNLI_LANGUAGES as readonly string[]).includes(value);
}
