/** Optional sign, digits with an optional fraction, optional exponent with digits. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a plain decimal number (`4.5`, `-1`, `.5`, `2e-1`; surrounding blanks ignored), or
 * returns `null`. Stricter than `Number()`, which also takes `0x10`, `0b1`, `Infinity` and reads
 * an empty string as 0 — spellings that in a data file or a flag are far likelier typos than
 * meant.
 *
 * @example
 * ```ts
 * parseDecimal('3.8'); // 3.8
 * parseDecimal('0x10'); // null
 * ```
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null; // 1e999
}
