/** The categorical scheme for one colour per model: 20 colours, so an 11-model grid repeats none. */
export const MODEL_COLOR_SCHEME = 'tableau20';

/**
 * The distinct values of `values` in the order they first appear: the order a chart's caller
 * listed its models in (the grid's, full first), which Vega-Lite would otherwise replace with
 * alphabetical order in legends and facets.
 *
 * @example
 * ```ts
 * firstSeen(['full', 'radix-k3', 'full']); // ['full', 'radix-k3']
 * ```
 */
export function firstSeen(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * The Vega-Lite colour channel of a chart with one series per model (or run): the 20-colour scheme
 * (Vega-Lite's default has 10, which paints Table 2–3's eleven models with repeats) and legend
 * labels at full length (variant names like `clustered-equal-m100` are otherwise cut).
 *
 * @param field the data field that names the model
 * @param order the models in the order the legend lists them and colours are assigned (default:
 *   Vega-Lite's alphabetical order)
 */
export function modelColor(
  field: string,
  order?: readonly string[],
): {
  field: string;
  type: 'nominal';
  scale: { scheme: string };
  legend: { labelLimit: number };
  sort?: string[];
} {
  return {
    field,
    type: 'nominal',
    scale: { scheme: MODEL_COLOR_SCHEME },
    legend: { labelLimit: 0 },
    ...(order === undefined ? {} : { sort: [...order] }),
  };
}
