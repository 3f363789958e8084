import type { SkippedRow } from './task';

/**
 * Lists skipped rows for a person, one `  file:line: reason` line each (every line ends with a
 * newline), the first `limit` of them and then how many more. What the fine-tuning CLI prints
 * after loading and what an empty split's error shows.
 *
 * @example
 * ```ts
 * listSkipped([{ file: 'dev.tsv', line: 3, reason: 'empty text' }]); // '  dev.tsv:3: empty text\n'
 * ```
 */
export function listSkipped(skipped: readonly SkippedRow[], limit = 20): string {
  const shown = skipped.slice(0, limit).map((s) => `  ${s.file}:${s.line}: ${s.reason}\n`);
  const more = skipped.length > limit ? `  … and ${skipped.length - limit} more\n` : '';
  return `${shown.join('')}${more}`;
}
