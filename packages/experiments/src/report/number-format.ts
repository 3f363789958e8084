/**
 * The few number formats every table in the write-up shares, so that a score, a difference and an
 * interval read the same in Tables 2–4, the curves page, the direction table and the use-lite study.
 */

/** `value` to `digits` decimals with an explicit `+` when it is not negative: `+0.008`, `-0.618`. */
export function formatSigned(value: number, digits: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

/**
 * A difference and its 95% interval, every bound signed, `unit` after the difference when given:
 * `+0.008 [-0.057, +0.071]`, `+0.171 nats [+0.120, +0.220]`.
 */
export function formatSignedInterval(
  estimate: number,
  low: number,
  high: number,
  digits: number,
  unit = '',
): string {
  const size = `${formatSigned(estimate, digits)}${unit === '' ? '' : ` ${unit}`}`;
  return `${size} [${formatSigned(low, digits)}, ${formatSigned(high, digits)}]`;
}

/** A fraction as a percentage, one decimal by default: `0.8` → `80.0`. */
export function formatPercent(fraction: number, digits = 1): string {
  return (100 * fraction).toFixed(digits);
}

/** A difference of fractions in percent points with its sign: `0.008` → `+0.8`, `-0.03` → `-3.0`. */
export function formatSignedPercent(fraction: number, digits = 1): string {
  return formatSigned(100 * fraction, digits);
}

/** A score and its 95% interval, as percentages: `80.0 [78.1, 81.9]`. */
export function formatPercentInterval(estimate: number, low: number, high: number): string {
  return `${formatPercent(estimate)} [${formatPercent(low)}, ${formatPercent(high)}]`;
}

/** A difference and its 95% interval, in signed percent points: `+1.2 [-0.4, +2.9]`. */
export function formatSignedPercentInterval(estimate: number, low: number, high: number): string {
  return `${formatSignedPercent(estimate)} [${formatSignedPercent(low)}, ${formatSignedPercent(high)}]`;
}

/** A difference and its 95% interval as a sentence gives a size: `-2.1 points [-3.5, -0.7]`. */
export function formatSignedPoints(estimate: number, low: number, high: number): string {
  return `${formatSignedPercent(estimate)} points [${formatSignedPercent(low)}, ${formatSignedPercent(high)}]`;
}

/**
 * A difference's size for a sentence that already says its direction ("lower by …"): the
 * magnitude, then `unit` when given, and its 95% interval as magnitudes:
 * `-0.041 [-0.073, -0.010]` → `0.041 nats [0.010, 0.073]`.
 */
export function formatMagnitudeInterval(
  estimate: number,
  low: number,
  high: number,
  digits: number,
  unit = '',
): string {
  const [from, to] = estimate < 0 ? [-high, -low] : [low, high];
  const size = `${Math.abs(estimate).toFixed(digits)}${unit === '' ? '' : ` ${unit}`}`;
  return `${size} [${from.toFixed(digits)}, ${to.toFixed(digits)}]`;
}
