import { formatUpdates } from './curve-data';
import type { TaskGaps } from './finetune-gaps';
import type { MlmGap } from './mlm-gaps';

/**
 * Descriptive lines, one per variant and measure with at least two updates measured: how its
 * difference to the reference moves with training (`radix-k3 − full, validation MLM loss: +0.900
 * after 1,000 updates, +0.627 after 2,000`). They state the estimates only: each has its own
 * interval in the tables, and the change between updates is not itself tested.
 *
 * @example
 * ```ts
 * gapTrends(mlmGaps(data), finetuneGaps(data), 'full'); // ['radix-k3 − full, validation MLM loss (nats): …']
 * ```
 */
export function gapTrends(mlm: readonly MlmGap[], tasks: readonly TaskGaps[], reference: string): string[] {
  const line = (head: string, points: readonly { step: number; value: string }[]) =>
    points.length < 2
      ? []
      : [`${head}: ${points.map((p) => `${p.value} after ${formatUpdates(p.step)}`).join(', ')} updates.`];
  const variants = [...new Set(mlm.map((g) => g.variant))].filter((v) => v !== reference);
  return variants.flatMap((v) => [
    ...line(
      `${v} − ${reference}, validation MLM loss (nats)`,
      mlm
        .filter((g) => g.variant === v && g.toReference !== undefined)
        .sort((a, b) => a.step - b.step)
        .map((g) => ({
          step: g.step,
          value: `${(g.toReference?.estimate ?? 0) >= 0 ? '+' : ''}${g.toReference?.estimate.toFixed(3)}`,
        })),
    ),
    ...tasks.flatMap((t) =>
      line(
        `${v} − ${reference}, ${t.task} test ${t.metric} (points)`,
        t.gaps
          .filter((g) => g.variant === v && g.comparison !== undefined)
          .map((g) => {
            const e = 100 * (g.comparison?.delta.estimate ?? 0);
            return { step: g.step, value: `${e >= 0 ? '+' : ''}${e.toFixed(1)}` };
          }),
      ),
    ),
  ]);
}
