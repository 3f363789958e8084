import { formatUpdates } from './curve-data';
import type { GapChange } from './gap-change';
import type { LossDelta } from './mlm-gaps';

/** A gap in its unit: nats to 3 decimals, a score in points to 1. */
function value(c: GapChange, v: number): string {
  const x = c.metric === 'nats' ? v : 100 * v;
  return `${x >= 0 ? '+' : ''}${x.toFixed(c.metric === 'nats' ? 3 : 1)}`;
}

const interval = (c: GapChange, d: LossDelta) =>
  `${value(c, d.estimate)} [${value(c, d.low)}, ${value(c, d.high)}]`;

/** `validation MLM loss (nats)` or `sms-spam test f1 (points)`. */
const measureOf = (c: GapChange) =>
  c.measure === 'mlm' ? 'validation MLM loss (nats)' : `${c.measure} test ${c.metric} (points)`;

/**
 * Tokens in words a reader compares with budgets: `4.1M`, `1.3B`, `2.0T`, `more than 10^24` for
 * the unbounded end.
 *
 * @example
 * ```ts
 * formatBudget(1.3e9); // '1.3B'
 * ```
 */
export function formatBudget(tokens: number): string {
  if (!Number.isFinite(tokens) || tokens >= 1e24) return 'more than 10^24';
  if (tokens >= 1e12) return `${(tokens / 1e12).toFixed(1)}T`;
  if (tokens >= 1e9) return `${(tokens / 1e9).toFixed(1)}B`;
  if (tokens >= 1e6) return `${(tokens / 1e6).toFixed(1)}M`;
  return `${(tokens / 1e3).toFixed(1)}k`;
}

/** A ratio for a sentence: `3.2`, `140`, `2.5e+7`. */
const times = (r: number) =>
  !Number.isFinite(r)
    ? 'unboundedly many'
    : r < 10
      ? r.toFixed(1)
      : r < 1e6
        ? Math.round(r).toLocaleString('en-US')
        : r.toExponential(1);

/** The Markdown table of the gap changes: the gap at each update, the change first → last and the slope per doubling. */
export function renderGapChanges(changes: readonly GapChange[], reference: string): string {
  return [
    `| variant − ${reference} | measure | gap at updates | change, first → last (95% CI) | per doubling of tokens (95% CI) |`,
    '|---|---|---|---:|---:|',
    ...changes.map((c) => {
      const at = c.steps.map((s, i) => `${value(c, c.gaps[i] as number)} (${formatUpdates(s)})`).join(', ');
      const slope = c.perDoubling === undefined ? '— (2 updates)' : interval(c, c.perDoubling);
      return `| ${c.variant} | ${measureOf(c)} | ${at} | ${interval(c, c.change)}${c.change.real ? ' \\*' : ''} | ${slope}${c.perDoubling?.real === true ? ' \\*' : ''} |`;
    }),
  ].join('\n');
}

/**
 * The sentences of the gap changes: whether the change from the first to the last update excludes
 * zero (and whether it narrowed, widened or changed sign), and — labelled "Extrapolation, not measured" —
 * where the fitted line would reach zero, only when its slope's interval excludes zero in the
 * closing direction; otherwise why there is none.
 *
 * @example
 * ```ts
 * gapChangeClaims(changes, 'full'); // ['radix-k3 − full, validation MLM loss (nats): the gap narrowed …', 'Extrapolation, not measured: …']
 * ```
 */
export function gapChangeClaims(changes: readonly GapChange[], reference: string): string[] {
  return changes.flatMap((c) => {
    const head = `${c.variant} − ${reference}, ${measureOf(c)}`;
    const first = c.gaps[0] as number;
    const last = c.gaps[c.gaps.length - 1] as number;
    const span = `from ${value(c, first)} after ${formatUpdates(c.steps[0] as number)} updates to ${value(c, last)} after ${formatUpdates(c.steps[c.steps.length - 1] as number)}`;
    // a gap that changed sign (a variant ahead of the reference that fell behind) neither narrowed nor widened
    const moved =
      first * last < 0 ? 'changed sign' : Math.abs(last) < Math.abs(first) ? 'narrowed' : 'widened';
    const out = [
      c.change.real
        ? `${head}: the gap ${moved} ${span}: change ${interval(c, c.change)} — supported (the interval excludes zero).`
        : `${head}: the gap went ${span}; the change ${interval(c, c.change)} cannot be told from zero.`,
    ];
    const slope = c.perDoubling;
    if (slope === undefined) return out;
    if (c.zero !== undefined) {
      const k = c.steps.length;
      const lastTokens = c.tokens[c.tokens.length - 1] as number;
      out.push(
        `Extrapolation, not measured: if ${head.replace(/ \(.*\)$/, '')} kept changing by ${interval(c, slope)} per doubling of pretraining tokens (a straight line in log tokens through ${k} updates of one run, with its warmup and decay stretched over them), the gap would reach zero at about ${formatBudget(c.zero.tokens)} tokens (95% range ${formatBudget(c.zero.low)} to ${formatBudget(c.zero.high)}), ${times(c.zero.tokens / lastTokens)} times the ${formatBudget(lastTokens)} of the last update.`,
      );
    } else
      out.push(
        `${head}: no extrapolation — the slope per doubling ${interval(c, slope)} ${slope.real ? 'moves the gap away from zero' : 'has an interval that includes zero'}.`,
      );
    return out;
  });
}
