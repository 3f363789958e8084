import { assert, describe } from '@ksub/core';

/** A number as a paper prints it ("18.9k", "25.7M", "51M"): value, unit and shown decimals. */
export interface PaperFigure {
  /** The text as printed. */
  readonly text: string;
  /** The printed mantissa (18.9 for "18.9k"). */
  readonly mantissa: number;
  /** The unit multiplier (1e3 for k, 1e6 for M, 1 for none). */
  readonly unit: number;
  /** Decimals shown (1 for "18.9k"). */
  readonly decimals: number;
}

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1e3, M: 1e6, B: 1e9 };

/**
 * Parses a paper's abbreviated figure.
 *
 * @throws TypeError when the text is not a number with an optional k / M / B suffix
 * @example
 * ```ts
 * parsePaperFigure('18.9k'); // { text: '18.9k', mantissa: 18.9, unit: 1000, decimals: 1 }
 * ```
 */
export function parsePaperFigure(text: string): PaperFigure {
  const match = /^(\d+)(?:\.(\d+))?([kMB]?)$/.exec(typeof text === 'string' ? text.trim() : '');
  assert(
    match !== null,
    () => `parsePaperFigure: text must look like "18.9k", "25.7M" or "225"; got ${describe(text)}`,
    TypeError,
  );
  const [, whole, frac = '', suffix = ''] = match;
  return {
    text,
    mantissa: Number(`${whole}.${frac || '0'}`),
    unit: UNITS[suffix] as number,
    decimals: frac.length,
  };
}

/**
 * Whether `value` prints as the paper's figure when rounded to the same unit and decimals
 * (round half away from zero): 18,944 agrees with "18.9k", 51,533,401 does not agree with "51M".
 *
 * @example
 * ```ts
 * agreesWithPaper(18944, '18.9k'); // true
 * ```
 */
export function agreesWithPaper(value: number, paper: string): boolean {
  const figure = parsePaperFigure(paper);
  const scale = 10 ** figure.decimals;
  const rounded = Math.round((value / figure.unit) * scale) / scale;
  return Math.abs(rounded - figure.mantissa) < 0.5 / scale / 10;
}

/**
 * Prints a count the way the paper does, with `decimals` after the unit: 18944 → "18.9k".
 *
 * @example
 * ```ts
 * formatCount(25735680, 1); // '25.7M'
 * ```
 */
export function formatCount(value: number, decimals = 1): string {
  const abs = Math.abs(value);
  const [unit, suffix] =
    abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  return unit === 1 ? String(value) : `${(value / unit).toFixed(decimals)}${suffix}`;
}
