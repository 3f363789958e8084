import { Rng } from '@ksub/core';
import type { Example } from '@ksub/evaluation';

/**
 * The training examples a fine-tuning run uses: all of them, or — for CI- and mini-sized runs —
 * the first `max` after a shuffle seeded 7, the same for every run and every model, so a control
 * fitted on "the training examples" (the majority class) can use exactly these.
 *
 * @example
 * ```ts
 * trainingSample(train.examples, 4000).length; // min(4000, train.examples.length)
 * ```
 */
export function trainingSample(examples: readonly Example[], max?: number): readonly Example[] {
  return max === undefined
    ? examples
    : Rng.fromSeed(7)
        .shuffle([...examples])
        .slice(0, max);
}

/**
 * The examples of an evaluation a run scores: all of them, or `max` drawn by a shuffle seeded 11
 * when there are more — the same draw for every run and model (so their predictions pair), and for
 * lists of one length the same positions, so aligned test sets (translations) stay aligned.
 *
 * @example
 * ```ts
 * evaluationSample(test.examples, 500).length; // min(500, test.examples.length)
 * ```
 */
export function evaluationSample(examples: readonly Example[], max?: number): readonly Example[] {
  return max !== undefined && examples.length > max
    ? Rng.fromSeed(11)
        .shuffle([...examples])
        .slice(0, max)
    : examples;
}
