/** The categorical scheme for one colour per model: 20 colours, so an 11-model grid repeats none. */
export const MODEL_COLOR_SCHEME = 'tableau20';

/**
 * The Vega-Lite colour channel of a chart with one series per model (or run): the 20-colour scheme
 * (Vega-Lite's default has 10, which paints Table 2–3's eleven models with repeats) and legend
 * labels at full length (variant names like `clustered-equal-m100` are otherwise cut).
 *
 * @param field the data field that names the model
 */
export function modelColor(field: string): {
  field: string;
  type: 'nominal';
  scale: { scheme: string };
  legend: { labelLimit: number };
} {
  return { field, type: 'nominal', scale: { scheme: MODEL_COLOR_SCHEME }, legend: { labelLimit: 0 } };
}
