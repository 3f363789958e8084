import { meanInterval, type MeanInterval } from '@ksub/evaluation';
import { formatPercent } from '../../report/number-format';

/** One pretraining seed of a variant, with what has been measured of it so far. */
export interface SeedScores {
  readonly seed: number;
  /** Per task, the test scores of its fine-tuning seeds at the configuration dev chose; a task absent: not run. */
  readonly test: ReadonlyMap<string, readonly number[]>;
  /** Its mean MLM validation loss on the seed-1 runs' masked positions; undefined: not run. */
  readonly mlmLoss?: number | undefined;
}

/** A variant of the pretraining-seed study: its seed-1 model (the table's row) and the others. */
export interface SeededVariant {
  readonly id: string;
  readonly seeds: readonly SeedScores[];
}

/** One quantity compared across pretraining seeds: a task's test score, or the MLM loss. */
interface Measure {
  readonly heading: string;
  /** Its name in a sentence: `uci-sentiment accuracy`, `MLM validation loss`. */
  readonly name: string;
  readonly unit: string;
  readonly of: (s: SeedScores) => number | undefined;
  readonly value: (v: number) => string;
}

/** Percent with one decimal; loss in nats with three. */
const pct = (v: number) => formatPercent(v);
const nats = (v: number) => v.toFixed(3);
/** A difference with its sign (`+0.8`, `-3.0`), in the measure's format. */
const signed = (m: Measure, v: number) => `${v >= 0 ? '+' : ''}${m.value(v)}`;
const ci = (m: Measure, i: MeanInterval) => `[${signed(m, i.low)}, ${signed(m, i.high)}]`;

/** Mean of a seed's fine-tuning-seed scores on `task`; undefined when not run. */
const taskScore = (task: string) => (s: SeedScores) => {
  const test = s.test.get(task);
  return test === undefined || test.length === 0 ? undefined : meanInterval(test).mean;
};

/** The measure of `v` at `seed`, if run. */
const at = (m: Measure, v: SeededVariant, seed: number) => {
  const s = v.seeds.find((x) => x.seed === seed);
  return s === undefined ? undefined : m.of(s);
};

/** `71.0 [66.0, 76.0] (n = 3)`; one value has no interval. */
function summary(m: Measure, values: readonly number[], delta: boolean): string {
  if (values.length === 0) return '—';
  const i = meanInterval(values);
  const mean = delta ? signed(m, i.mean) : m.value(i.mean);
  if (i.n === 1) return `${mean} (n = 1)`;
  const real = delta && (i.low > 0 || i.high < 0) ? ' \\*' : '';
  return `${mean} ${delta ? ci(m, i) : `[${m.value(i.low)}, ${m.value(i.high)}]`} (n = ${i.n})${real}`;
}

/** One measure's table over the variants and seeds, and a sentence per variant measured on two seeds or more. */
function measureTable(
  m: Measure,
  reference: SeededVariant,
  variants: readonly SeededVariant[],
  seeds: readonly number[],
): { table: string; claims: string[] } {
  const claims: string[] = [];
  const lines = variants.map((v) => {
    const own = seeds.flatMap((s) => {
      const x = at(m, v, s);
      return x === undefined ? [] : [x];
    });
    const deltas: number[] = [];
    const cells = seeds.map((s) => {
      const x = at(m, v, s);
      if (x === undefined) return 'not run';
      const r = at(m, reference, s);
      if (v === reference || r === undefined) return m.value(x);
      deltas.push(x - r);
      return `${m.value(x)} (${signed(m, x - r)})`;
    });
    const delta = v === reference ? '—' : summary(m, deltas, true);
    if (own.length >= 2) {
      const spread = `${m.value(Math.max(...own) - Math.min(...own))} ${m.unit} across ${own.length} pretraining seeds (${m.value(Math.min(...own))} to ${m.value(Math.max(...own))})`;
      let versus = '';
      if (deltas.length >= 2) {
        const d = meanInterval(deltas);
        const real = d.low > 0 || d.high < 0;
        versus = `; its difference to ${reference.id}, taken seed by seed, averages ${signed(m, d.mean)} ${m.unit} ${ci(m, d)} over ${d.n} seeds${real ? ' — supported (the interval excludes zero)' : ', an interval that includes zero'}`;
      }
      claims.push(`Pretraining seeds: ${v.id}'s ${m.name} spreads over ${spread}${versus}.`);
    }
    return `| ${v.id} | ${cells.join(' | ')} | ${summary(m, own, false)} | ${delta} |`;
  });
  const table = [
    `### ${m.heading}`,
    '',
    `| model | ${seeds.map((s) => `seed ${s}`).join(' | ')} | mean over pretraining seeds (95% CI) | Δ vs ${reference.id}, mean of the per-seed Δ (95% CI) |`,
    `|---|${seeds.map(() => '---:|').join('')}---:|---:|`,
    ...lines,
  ].join('\n');
  return { table, claims };
}

/** What the section says of its numbers; the t quantile shows how wide three seeds leave an interval. */
const NOTE =
  "Each of these variants is pretrained again with other seeds (initialisation, data order, masks, dropout), everything else as in its seed-1 run: the same corpus, schedule and allocation file (a clustered variant's was clustered on the seed-1 full model). Each pretraining seed's model is fine-tuned under the held-out protocol above; its score is the mean over its fine-tuning seeds, and its Δ the difference to the reference's model of the same pretraining seed. MLM loss is scored on the seed-1 runs' validation positions, so every model is paired on the same masked positions. Means and Δ come with a 95% t-interval over pretraining seeds, which is wide: with 3 seeds t(0.975, 2) = 4.303 puts its half-width at 2.5 standard deviations, with 2 seeds t(0.975, 1) = 12.706 at 9. \\* marks a Δ interval that excludes zero.";

/**
 * The "Pretraining seeds" section of Tables 2–3: per task (test score, percent) and for the MLM
 * validation loss, each variant's value per pretraining seed (its Δ to `reference`'s same seed
 * beside it), the mean over pretraining seeds with a 95% t-interval, and the mean of the per-seed
 * Δ with its t-interval; seeds not measured yet read "not run". The sentences give each variant's
 * spread across seeds and, beside the reference, whether its per-seed Δ excludes zero — generated
 * from the numbers. Undefined while no seed other than 1 has been measured (the tables stay as
 * they were).
 *
 * @param reference - the variant Δ is taken against (`full`); a table without it shows no Δ
 * @param variants - table order; each variant's seeds, seed 1 (its main run) among them
 * @param tasks - the table's tasks, each with the metric it reports
 * @example
 * ```ts
 * renderPretrainSeeds('full', [{ id: 'full', seeds }], [{ name: 'uci-sentiment', metric: 'accuracy' }])?.section;
 * ```
 */
export function renderPretrainSeeds(
  reference: string,
  variants: readonly SeededVariant[],
  tasks: readonly { readonly name: string; readonly metric: string }[],
): { section: string; claims: string[] } | undefined {
  const measures: Measure[] = [
    ...tasks.map((t) => ({
      heading: `${t.name}: test ${t.metric} per pretraining seed (percent; Δ vs ${reference} of the same seed in parentheses)`,
      name: `${t.name} ${t.metric}`,
      unit: 'points',
      of: taskScore(t.name),
      value: pct,
    })),
    {
      heading: `Masked-LM validation loss per pretraining seed (nats, on the seed-1 runs' positions; Δ vs ${reference} of the same seed in parentheses)`,
      name: 'MLM validation loss',
      unit: 'nats',
      of: (s: SeedScores) => s.mlmLoss,
      value: nats,
    },
  ];
  const measured = (s: SeedScores) => s.seed !== 1 && measures.some((m) => m.of(s) !== undefined);
  if (!variants.some((v) => v.seeds.some(measured))) return undefined;
  const seeds = [...new Set(variants.flatMap((v) => v.seeds.map((s) => s.seed)))].sort((a, b) => a - b);
  // without the reference's seeds, its row is absent and no Δ is taken
  const ref = variants.find((v) => v.id === reference) ?? { id: reference, seeds: [] };
  const parts = measures.map((m) => measureTable(m, ref, variants, seeds));
  return {
    section: [`## Pretraining seeds`, NOTE, ...parts.map((p) => p.table)].join('\n\n'),
    claims: parts.flatMap((p) => p.claims),
  };
}
