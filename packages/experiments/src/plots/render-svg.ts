import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

/**
 * Renders a Vega-Lite spec to an SVG string, headless (Vega's SVG renderer needs no canvas). The
 * project draws its figures with Vega-Lite — a maintained grammar of graphics whose specs are
 * plain JSON a reader can restyle — rather than hand-written SVG.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
