import { computeMatchedClaims, computeMatchedRow, renderComputeMatched } from './compute-matched';
import { type CurveData, formatUpdates } from './curve-data';
import type { CurvesFigureInput, DeltaPoint } from './curves-figure';
import { finetuneGaps, renderTaskGaps, taskGapClaims } from './finetune-gaps';
import { finetuneGapChanges, mlmGapChanges } from './gap-change';
import { gapTrends } from './gap-trends';
import { mlmCurvePoints, renderMlmCurve } from './mlm-curve';
import { mlmGapClaims, mlmGaps, renderMlmGaps } from './mlm-gaps';
import { ownProgress, ownProgressClaims, renderOwnProgress } from './own-progress';
import { gapChangeClaims, renderGapChanges } from './render-gap-change';
import { renderScheduleGaps, scheduleGapClaims, scheduleGaps } from './schedule-gap';

/** The learning-curves page drawn from {@link CurveData}: its Markdown body, CSV and figure. */
export interface CurvesPage {
  /** The sections, from the method note to the generated sentences (no title, no provenance). */
  readonly markdown: string;
  /** Every number of the page in long form (`section,variant,task,metric,updates,tokens,estimate,low,high,reference_updates`). */
  readonly csv: string;
  readonly figure: CurvesFigureInput;
  /** The generated sentences, as listed under "What these numbers support (generated)". */
  readonly claims: readonly string[];
}

const CSV_HEADER = 'section,variant,task,metric,updates,tokens,estimate,low,high,reference_updates';

/** One CSV line of every column; fields not given are empty. */
const csvLine = (...fields: readonly (string | number | undefined)[]) =>
  CSV_HEADER.split(',')
    .map((_, i) => fields[i] ?? '')
    .join(',');

/**
 * Renders the learning curves: (a) MLM validation loss against pretraining tokens with the unigram
 * baseline and the annealed Table 2–3 runs; (b) per task, each variant's Δ test score to the
 * reference fine-tuned from the same updates (paired bootstrap, McNemar); (c) the masked-LM Δ to
 * the reference per snapshot, paired over positions, and to the unigram; (d) the compute-matched
 * row; how the gaps move (descriptive); (e) whether they close, with any extrapolation labelled;
 * (f) the same updates under two schedules; (g) each variant against its own earlier snapshot;
 * and the sentences the numbers support — only where an interval excludes zero. What has not
 * run yet is listed as such, never an error.
 *
 * @example
 * ```ts
 * const { markdown, csv, figure } = renderCurves(await readCurveData(args));
 * ```
 */
export function renderCurves(data: CurveData): CurvesPage {
  const ref = data.reference;
  const { points, unigram } = mlmCurvePoints(data);
  const tasks = finetuneGaps(data);
  const mlm = mlmGaps(data);
  const matched = computeMatchedRow(data);
  const changes = [...mlmGapChanges(data), ...finetuneGapChanges(data)];
  const schedules = scheduleGaps(data);
  const progress = ownProgress(data);
  const claims = [
    ...mlmGapClaims(mlm, ref),
    ...tasks.flatMap((t) => taskGapClaims(t, ref)),
    ...(matched === undefined ? [] : computeMatchedClaims(matched, ref)),
    ...gapChangeClaims(changes, ref),
    ...scheduleGapClaims(schedules),
    ...ownProgressClaims(progress),
  ];
  const trends = gapTrends(mlm, tasks, ref);
  const inProgress = data.variants.filter((v) => v.inProgress === true);
  const sections = [
    ...(data.missing.length === 0
      ? []
      : [`**Partial**: ${data.missing.length} inputs not run yet: ${data.missing.join(', ')}.`]),
    `Each variant is pretrained for longer with the preset's other settings; the linear warmup and decay are stretched over the whole curve run, so a snapshot before its last update is mid-schedule, not annealed. Snapshots are the run's parameters at those updates (its checkpoints). Tokens = updates × ${data.tokensPerUpdate.toLocaleString('en-US')} (sequences × packed length). The variants' own Table 2–3 runs, annealed at their last update, are separate points. Fine-tuning follows the held-out protocol of Tables 2–3; Δ is the variant minus ${ref} at the same number of updates, with a 95% paired bootstrap interval (over test examples; MLM: over validation sequences); \\* marks an interval that excludes zero.` +
      (inProgress.length === 0
        ? ''
        : ` Runs under way (their metrics read from the run directory): ${inProgress.map((v) => `${v.id} (up to update ${formatUpdates(v.validation?.at(-1)?.step ?? 0)})`).join(', ')}.`),
    `## (a) MLM validation loss against pretraining tokens\n\nThe runs' own validations (float32 parameters, as logged every evaluation); (c) scores the kept float16 snapshots, so its losses can differ in the third decimal.\n\n${renderMlmCurve(data)}\n\n![MLM loss and the differences to ${ref} against pretraining tokens](curves.svg)`,
    `## (b) Fine-tuning: Δ test score to ${ref} fine-tuned from the same updates\n\n${
      tasks.length === 0
        ? 'No task is fine-tuned in this grid.'
        : tasks.map((t) => `### ${t.task}\n\n${renderTaskGaps(t, ref)}`).join('\n\n')
    }`,
    `## (c) Masked-LM: Δ to ${ref} at the same updates, paired over the same masked positions\n\n${renderMlmGaps(mlm, ref)}`,
    ...(matched === undefined
      ? []
      : [`## (d) Compute-matched control\n\n${renderComputeMatched(matched, ref, data.tokensPerUpdate)}`]),
    ...(trends.length === 0
      ? []
      : [
          `## How the gaps move with training (generated, descriptive)\n\nEstimates only: each has its own interval above; the change from the first to the last update is tested in (e).\n\n${trends.map((t) => `- ${t}`).join('\n')}`,
        ]),
    ...(changes.length === 0
      ? []
      : [
          `## (e) Does the gap close? Its change with training, and the extrapolation it supports\n\nThe gap is the variant minus ${ref} at the same updates. Its change from the first to the last update measured, and the slope of a straight line through the gaps against log2(tokens) (the change per doubling of pretraining, with 3 or more updates), are bootstrapped on one resample for every update: MLM over validation sequences (the same positions at every update), fine-tuning over test examples (the same examples). \\* marks an interval that excludes zero. Where the slope's interval excludes zero in the closing direction, the sentences below say where the line would reach zero — an extrapolation from a few updates of one run at this scale, labelled as such, not a measurement.\n\n${renderGapChanges(changes, ref)}`,
        ]),
    ...(schedules.length === 0
      ? []
      : [
          `## (f) The same updates under two schedules\n\nEach variant's curve-run snapshot at the updates its own Tables 2–3 run lasted, against that run: the same model, seed, data and updates, but a learning rate stretched over the whole curve run (still high there) against one warmed up and decayed to zero within those updates. Paired over the same masked positions. A difference here is what the Tables 2–3 schedule itself costs or gains at that budget, not pretraining.\n\n${renderScheduleGaps(schedules)}`,
        ]),
    ...(progress.length === 0
      ? []
      : [
          `## (g) Each variant against its own earlier snapshot\n\nPer task, each variant fine-tuned from its last fine-tuned snapshot against itself fine-tuned from its first, paired over the same test examples (bootstrap 95% interval; McNemar on majority votes). ${ref} is listed too: a variant's gain reads beside ${ref}'s, and whether the gap between them closes is (e). A snapshot before the curve run's last update is mid-schedule (its learning rate not yet decayed), so a change mixes more pretraining with where the schedule stands; (f) measures what the schedule alone does at one budget.\n\n${renderOwnProgress(progress)}`,
        ]),
    `## What these numbers support (generated)\n\n${
      claims.length === 0
        ? 'Nothing yet: no snapshot has been scored.'
        : claims.map((c) => `- ${c}`).join('\n')
    }`,
  ];
  const deltas: DeltaPoint[] = [
    ...mlm.flatMap((g) =>
      g.toReference === undefined
        ? []
        : [{ panel: 'MLM loss', variant: g.variant, tokens: g.tokens, ...g.toReference }],
    ),
    ...tasks.flatMap((t) =>
      t.gaps.flatMap((g) => {
        const d = g.comparison?.delta;
        return d === undefined
          ? []
          : [
              {
                panel: t.task,
                variant: g.variant,
                tokens: g.tokens,
                estimate: 100 * d.estimate,
                low: 100 * d.low,
                high: 100 * d.high,
              },
            ];
      }),
    ),
  ];
  const csv = [
    CSV_HEADER,
    ...points.map((p) =>
      csvLine(
        p.run === 'curve' ? 'mlm-loss' : 'mlm-loss-annealed',
        p.variant,
        '',
        'nats',
        p.step,
        p.tokens,
        p.loss,
      ),
    ),
    ...(unigram === undefined ? [] : [csvLine('unigram', '', '', 'nats', '', '', unigram)]),
    ...schedules.map((g) =>
      csvLine(
        'schedule-delta',
        g.variant,
        '',
        'nats',
        g.step,
        g.tokens,
        g.delta.estimate,
        g.delta.low,
        g.delta.high,
        g.step,
      ),
    ),
    ...changes.flatMap((c) => {
      const task = c.measure === 'mlm' ? '' : c.measure;
      const [first, last] = [c.steps[0], c.steps[c.steps.length - 1]] as [number, number];
      const lastTokens = c.tokens[c.tokens.length - 1];
      return [
        csvLine(
          'gap-change',
          c.variant,
          task,
          c.metric,
          last,
          lastTokens,
          c.change.estimate,
          c.change.low,
          c.change.high,
          first,
        ),
        ...(c.perDoubling === undefined
          ? []
          : [
              csvLine(
                'gap-per-doubling',
                c.variant,
                task,
                c.metric,
                last,
                lastTokens,
                c.perDoubling.estimate,
                c.perDoubling.low,
                c.perDoubling.high,
                first,
              ),
            ]),
        ...(c.zero === undefined
          ? []
          : [
              csvLine(
                'gap-zero-tokens-extrapolated',
                c.variant,
                task,
                c.metric,
                last,
                lastTokens,
                c.zero.tokens,
                c.zero.low,
                c.zero.high,
                first,
              ),
            ]),
      ];
    }),
    ...progress.map((r) =>
      csvLine(
        'own-progress',
        r.variant,
        r.task,
        r.metric,
        r.to,
        r.toTokens,
        r.change.delta.estimate,
        r.change.delta.low,
        r.change.delta.high,
        r.from,
      ),
    ),
    ...tasks.flatMap((t) =>
      t.gaps.flatMap((g) => {
        const d = g.comparison?.delta;
        return d === undefined
          ? []
          : [
              csvLine(
                'finetune-delta',
                g.variant,
                t.task,
                t.metric,
                g.step,
                g.tokens,
                d.estimate,
                d.low,
                d.high,
                g.step,
              ),
            ];
      }),
    ),
    ...mlm.flatMap((g) => [
      ...(g.toReference === undefined
        ? []
        : [
            csvLine(
              'mlm-delta',
              g.variant,
              '',
              'nats',
              g.step,
              g.tokens,
              g.toReference.estimate,
              g.toReference.low,
              g.toReference.high,
              g.step,
            ),
          ]),
      ...(g.toUnigram === undefined
        ? []
        : [
            csvLine(
              'mlm-delta-unigram',
              g.variant,
              '',
              'nats',
              g.step,
              g.tokens,
              g.toUnigram.estimate,
              g.toUnigram.low,
              g.toUnigram.high,
            ),
          ]),
    ]),
    ...(matched?.measures ?? []).flatMap((m) => {
      const d = m.mlm ?? m.task?.delta;
      if (d === undefined || matched === undefined) return [];
      const task = m.mlm === undefined ? m.measure : '';
      const tokens = matched.step * data.tokensPerUpdate;
      return [
        csvLine(
          'compute-matched',
          matched.variant,
          task,
          m.metric,
          matched.step,
          tokens,
          d.estimate,
          d.low,
          d.high,
          matched.referenceStep,
        ),
      ];
    }),
  ].join('\n');
  return {
    markdown: sections.join('\n\n'),
    csv: `${csv}\n`,
    figure: {
      variants: data.variants.map((v) => v.id),
      loss: points,
      unigram,
      panels: [
        {
          name: 'MLM loss',
          heading: `masked LM: Δ to ${ref} at the same updates (paired over positions)`,
          title: 'Δ MLM loss (nats)',
        },
        ...tasks.map((t) => ({
          name: t.task,
          heading: `${t.task}: Δ to ${ref} fine-tuned from the same updates (paired over test examples)`,
          title: `Δ test ${t.metric} (points)`,
        })),
      ],
      deltas,
    },
    claims,
  };
}
