import type { TopLevelSpec } from 'vega-lite';
import type { LossPoint } from './mlm-curve';

/** A difference to the reference at some pretraining tokens, with its 95% interval, in one panel. */
export interface DeltaPoint {
  /** The panel: `MLM loss` or a task. */
  readonly panel: string;
  readonly variant: string;
  readonly tokens: number;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** What the curves figure draws. */
export interface CurvesFigureInput {
  /** The variants, reference first: the colours' order. */
  readonly variants: readonly string[];
  readonly loss: readonly LossPoint[];
  readonly unigram?: number | undefined;
  /** Per Δ panel (in order): its name in {@link DeltaPoint.panel}, its heading and its y-axis title. */
  readonly panels: readonly { readonly name: string; readonly heading: string; readonly title: string }[];
  readonly deltas: readonly DeltaPoint[];
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** One panel of a vertically concatenated Vega-Lite spec. */
type Panel = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];
const TOKENS = {
  field: 'tokens',
  type: 'quantitative',
  scale: { type: 'log', nice: false, padding: 12 },
  axis: { format: '~s' },
  title: 'pretraining tokens (updates × sequences × length)',
} as const;

/**
 * One colour per variant in the given order, from a 10-colour scheme (a few variants: the paired
 * light/dark hues of the grid's 20-colour scheme would make two of them look alike).
 */
const colorOf = (variants: readonly string[]) =>
  ({
    field: 'variant',
    type: 'nominal',
    scale: { scheme: 'tableau10', domain: [...variants] },
    legend: { labelLimit: 0 },
  }) as const;

/** One Δ panel: the interval as a vertical rule, the estimate as a line with points, zero as a dashed rule. */
function deltaPanel(
  panel: CurvesFigureInput['panels'][number],
  deltas: readonly DeltaPoint[],
  color: ReturnType<typeof colorOf>,
): Panel {
  const { name, heading, title } = panel;
  const values = deltas.filter((d) => d.panel === name);
  return {
    title: heading,
    width: 520,
    height: 200,
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
      {
        data: { values: [...values] },
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
          x: TOKENS,
          y: { field: 'low', type: 'quantitative', title },
          y2: { field: 'high' },
          color,
        },
      },
      {
        data: { values: [...values] },
        mark: { type: 'line', point: { size: 40 } },
        encoding: { x: TOKENS, y: { field: 'estimate', type: 'quantitative' }, color },
      },
    ],
  };
}

/**
 * The Vega-Lite spec of the learning curves: MLM validation loss of each curve run against
 * pretraining tokens (log scale) with the unigram baseline as a dashed rule and the annealed
 * Table 2–3 runs as separate diamonds; then one panel per difference to the reference (the MLM Δ
 * paired over positions, each task's Δ test score) with its 95% interval as an error bar.
 *
 * @example
 * ```ts
 * await renderSvg(curvesFigureSpec({ loss, unigram: 7.149, panels, deltas }, 'Learning curves (mini)'));
 * ```
 */
export function curvesFigureSpec(input: CurvesFigureInput, title: string): TopLevelSpec {
  const color = colorOf(input.variants);
  const rules = input.unigram === undefined ? [] : [{ label: 'unigram', loss: input.unigram }];
  const lossPanel: Panel = {
    title: 'MLM validation loss',
    width: 520,
    height: 260,
    layer: [
      {
        data: { values: input.loss.filter((p) => p.run === 'curve') },
        mark: { type: 'line', point: { size: 12 } },
        encoding: {
          x: TOKENS,
          y: { field: 'loss', type: 'quantitative', title: 'MLM loss (nats)', scale: { zero: false } },
          color,
        },
      },
      {
        data: { values: input.loss.filter((p) => p.run === 'annealed') },
        mark: { type: 'point', shape: 'diamond', size: 90, filled: true, stroke: 'black', strokeWidth: 0.5 },
        encoding: { x: TOKENS, y: { field: 'loss', type: 'quantitative' }, color },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeDash: [2, 4], color: 'gray' },
        encoding: { y: { field: 'loss', type: 'quantitative' } },
      },
      {
        data: { values: rules },
        mark: { type: 'text', align: 'left', dx: 4, dy: -6, x: 0, color: 'gray' },
        encoding: { y: { field: 'loss', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle: 'diamonds: the annealed Table 2–3 runs; bars: 95% intervals' },
    vconcat: [lossPanel, ...input.panels.map((p) => deltaPanel(p, input.deltas, color))],
    // one token axis for every panel, so a gap is read at the same place as the loss
    resolve: { scale: { x: 'shared' } },
  };
}
