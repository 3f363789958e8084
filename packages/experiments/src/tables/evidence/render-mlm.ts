import { bootstrapInterval } from '@ksub/evaluation';
import { type MlmPositions, pairPositions } from '@ksub/training';
import { pooledMean, sequenceGroups, sumBySequence } from './sequence-sums';
import { formatMagnitudeInterval, formatSignedInterval } from '../../report/number-format';

/** One model's masked-LM scores on the validation positions. */
export interface MlmSummary {
  readonly loss: number;
  readonly accuracy: number;
  /** The unigram baseline on the same positions: its loss and its top-1 accuracy. */
  readonly unigramLoss: number;
  readonly unigramAccuracy: number;
  readonly positions: number;
}

/**
 * Summarises per-position scores. The unigram's top-1 is the token of smallest unigram loss (the
 * most frequent one, which any few thousand masked positions include): its accuracy is the share
 * of positions holding it.
 */
export function summariseMlm(p: MlmPositions): MlmSummary {
  const n = p.loss.length;
  let loss = 0;
  let correct = 0;
  let unigram = 0;
  let minUnigram = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    loss += p.loss[i] as number;
    correct += p.correct[i] as number;
    unigram += p.unigramLoss[i] as number;
    minUnigram = Math.min(minUnigram, p.unigramLoss[i] as number);
  }
  let top = 0;
  for (let i = 0; i < n; i++) if ((p.unigramLoss[i] as number) === minUnigram) top++;
  return {
    loss: loss / n,
    accuracy: correct / n,
    unigramLoss: unigram / n,
    unigramAccuracy: top / n,
    positions: n,
  };
}

/**
 * The MLM loss difference model − reference over the same masked positions, with a 95% bootstrap
 * interval that resamples whole validation sequences (positions in one sequence are not
 * independent).
 *
 * @throws FormatError (from `pairPositions`) when the two files cover other positions
 */
export function mlmLossDifference(
  reference: MlmPositions,
  model: MlmPositions,
): { estimate: number; low: number; high: number; real: boolean } {
  const pairs = pairPositions(model, reference);
  const groups = sequenceGroups(reference.sequence);
  const sums = sumBySequence(groups, pairs.lossDifference);
  const b = bootstrapInterval(groups.counts.length, (idx) => pooledMean(sums, groups.counts, idx));
  return { estimate: b.estimate, low: b.low, high: b.high, real: b.low > 0 || b.high < 0 };
}

/**
 * The masked-LM table: each model's validation loss, its difference to `reference` (95% interval
 * over sequences), masked top-1 accuracy, and the unigram baseline's loss and top-1 on the same
 * positions; with the sentences the numbers support.
 */
export function renderMlmEvidence(
  reference: string,
  models: readonly { readonly id: string; readonly positions: MlmPositions | undefined }[],
): { table: string; claims: string[] } {
  const ref = models.find((m) => m.id === reference)?.positions;
  const claims: string[] = [];
  const lines = models.map(({ id, positions }) => {
    if (positions === undefined) return `| ${id} | not evaluated | | | | |`;
    const s = summariseMlm(positions);
    let delta = '—';
    if (ref !== undefined && id !== reference) {
      const d = mlmLossDifference(ref, positions);
      delta = `${formatSignedInterval(d.estimate, d.low, d.high, 3)}${d.real ? ' \\*' : ''}`;
      claims.push(
        d.real
          ? `MLM: ${id}'s validation loss is ${d.estimate > 0 ? 'higher' : 'lower'} than ${reference}'s by ${formatMagnitudeInterval(d.estimate, d.low, d.high, 3, 'nats')} — supported (the interval excludes zero).`
          : `MLM: ${id} and ${reference} cannot be told apart on validation loss (${formatSignedInterval(d.estimate, d.low, d.high, 3)}).`,
      );
    }
    // against the unigram baseline on the same positions (its losses are in the same file)
    const u = mlmLossDifference({ ...positions, loss: positions.unigramLoss }, positions);
    const versus = u.real
      ? `${u.estimate < 0 ? 'below' : 'above'} the unigram baseline's ${s.unigramLoss.toFixed(3)}: ${formatSignedInterval(u.estimate, u.low, u.high, 3, 'nats')} — supported`
      : `not distinguishable from the unigram baseline's ${s.unigramLoss.toFixed(3)} (${formatSignedInterval(u.estimate, u.low, u.high, 3)})`;
    claims.push(
      `MLM: ${id}'s loss ${s.loss.toFixed(3)} is ${versus}; its masked top-1 ${(100 * s.accuracy).toFixed(1)}% vs the unigram's ${(100 * s.unigramAccuracy).toFixed(1)}%.`,
    );
    return `| ${id} | ${s.loss.toFixed(3)} | ${delta} | ${(100 * s.accuracy).toFixed(1)}% | ${s.unigramLoss.toFixed(3)} | ${(100 * s.unigramAccuracy).toFixed(1)}% |`;
  });
  const table = [
    `| model | validation MLM loss | Δ vs ${reference} (95% CI over sequences) | masked top-1 | unigram loss | unigram top-1 |`,
    '|---|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n');
  return { table, claims };
}
