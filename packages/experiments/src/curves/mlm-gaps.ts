import type { MlmPositions } from '@ksub/training';
import { mlmLossDifference, summariseMlm } from '../tables/evidence/render-mlm';
import { type CurveData, formatTokens, formatUpdates } from './curve-data';
import { formatMagnitudeInterval, formatSignedInterval } from '../report/number-format';

/** A loss difference with its 95% interval over validation sequences. */
export interface LossDelta {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly real: boolean;
}

/** A snapshot's masked-LM scores on the validation positions, against the reference's and the unigram's. */
export interface MlmGap {
  readonly variant: string;
  readonly step: number;
  readonly tokens: number;
  /** Mean loss over the positions; undefined until its `curve-mlm` cell has run. */
  readonly loss?: number | undefined;
  /** Loss − the reference's at the same updates (not for the reference itself, nor before both are scored). */
  readonly toReference?: LossDelta | undefined;
  /** Loss − the unigram baseline's on the same positions. */
  readonly toUnigram?: LossDelta | undefined;
}

/** The unigram baseline as a model: its losses in place of the model's, on the same positions. */
const unigramOf = (p: MlmPositions): MlmPositions => ({ ...p, loss: p.unigramLoss });

/**
 * Each snapshot's masked-LM validation loss and its differences, paired over the same masked
 * positions, to the reference at the same number of updates and to the unigram baseline
 * (`mlmLossDifference`: bootstrap over validation sequences, as Tables 2–3).
 *
 * @example
 * ```ts
 * mlmGaps(data).find((g) => g.variant === 'radix-k3' && g.step === 2000)?.toReference?.estimate; // 0.627
 * ```
 */
export function mlmGaps(data: CurveData): MlmGap[] {
  const reference = data.variants.find((v) => v.id === data.reference);
  return data.variants.flatMap((v) =>
    v.snapshots.map((s) => {
      const p = s.positions;
      const ref = reference?.snapshots.find((r) => r.step === s.step)?.positions;
      return {
        variant: v.id,
        step: s.step,
        tokens: s.step * data.tokensPerUpdate,
        loss: p === undefined ? undefined : summariseMlm(p).loss,
        toReference:
          p === undefined || ref === undefined || v.id === data.reference
            ? undefined
            : mlmLossDifference(ref, p),
        toUnigram: p === undefined ? undefined : mlmLossDifference(unigramOf(p), p),
      };
    }),
  );
}

/** `+0.627 [+0.577, +0.674]`, with `\*` when the interval excludes zero. */
export function formatLossDelta(d: LossDelta): string {
  return `${formatSignedInterval(d.estimate, d.low, d.high, 3)}${d.real ? ' \\*' : ''}`;
}

/** The Markdown table of {@link mlmGaps}, by update then variant; a snapshot not scored yet names its cell. */
export function renderMlmGaps(gaps: readonly MlmGap[], reference: string): string {
  const sorted = [...gaps].sort((a, b) => a.step - b.step);
  return [
    `| updates | tokens | variant | validation MLM loss | Δ vs ${reference} at the same updates (95% CI over sequences) | Δ vs unigram (95% CI) |`,
    '|---:|---:|---|---:|---:|---:|',
    ...sorted.map((g) => {
      const head = `| ${formatUpdates(g.step)} | ${formatTokens(g.tokens)} | ${g.variant} |`;
      if (g.loss === undefined) return `${head} not run yet (curve-mlm-${g.variant}-u${g.step}) | | |`;
      const toRef =
        g.variant === reference
          ? '—'
          : g.toReference === undefined
            ? 'not run yet'
            : formatLossDelta(g.toReference);
      return `${head} ${g.loss.toFixed(3)} | ${toRef} | ${g.toUnigram === undefined ? '—' : formatLossDelta(g.toUnigram)} |`;
    }),
  ].join('\n');
}

/** The sentences the MLM gaps support: each difference to the reference, and to the unigram baseline. */
export function mlmGapClaims(gaps: readonly MlmGap[], reference: string): string[] {
  return [...gaps]
    .sort((a, b) => a.step - b.step)
    .flatMap((g) => {
      const at = `MLM after ${formatUpdates(g.step)} updates (${formatTokens(g.tokens)} tokens)`;
      const claims: string[] = [];
      const d = g.toReference;
      if (d !== undefined)
        claims.push(
          d.real
            ? `${at}: ${g.variant}'s validation loss is ${d.estimate > 0 ? 'higher' : 'lower'} than ${reference}'s by ${formatMagnitudeInterval(d.estimate, d.low, d.high, 3, 'nats')} — supported (the interval excludes zero).`
            : `${at}: ${g.variant} and ${reference} cannot be told apart on validation loss (${formatSignedInterval(d.estimate, d.low, d.high, 3)}).`,
        );
      const u = g.toUnigram;
      if (u !== undefined && g.loss !== undefined)
        claims.push(
          u.real
            ? `${at}: ${g.variant}'s loss ${g.loss.toFixed(3)} is ${u.estimate < 0 ? 'below' : 'above'} the unigram baseline's: ${formatSignedInterval(u.estimate, u.low, u.high, 3, 'nats')} — supported.`
            : `${at}: ${g.variant}'s loss ${g.loss.toFixed(3)} is not distinguishable from the unigram baseline's (${formatSignedInterval(u.estimate, u.low, u.high, 3)}).`,
        );
      return claims;
    });
}
