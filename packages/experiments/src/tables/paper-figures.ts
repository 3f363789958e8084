import { paperCells, paramsCell, STAND_INS } from './table2';

/**
 * The paper's figures for our variants, in Markdown: for each GLUE task one of `tasks` stands in for
 * (see {@link STAND_INS}), the paper's GLUE dev score and its delta from the paper's full baseline,
 * one row per variant with its embedding parameters (`params`). Variants the paper does not have
 * (the GloVe one, controls) get dashes. Returns '' when no task has a GLUE counterpart.
 *
 * The held-out tables keep only our own numbers; this puts the paper's beside them once no
 * earlier-protocol table (which carried the paper's columns) is left.
 */
export function renderPaperFigures(
  variants: readonly string[],
  tasks: readonly string[],
  params: Readonly<Record<string, number>> = {},
): string {
  const columns = [...new Set(tasks.flatMap((t) => (STAND_INS[t] ? [STAND_INS[t] as string] : [])))];
  if (columns.length === 0) return '';
  const lines = variants.map((variant) => {
    const cells = columns.flatMap((glue) => paperCells(variant, glue));
    return `| ${variant} | ${paramsCell(params[variant])} | ${cells.join(' | ')} |`;
  });
  const header = columns.flatMap((glue) => [`${glue} (paper, GLUE dev)`, 'Δ paper']);
  const standIns = tasks
    .filter((t) => STAND_INS[t])
    .map((t) => `${t} stands in for ${STAND_INS[t]}`)
    .join('; ');
  return [
    `## The paper's figures beside ours\n\nThe paper's score and its delta from its own full baseline on the GLUE task each offline task stands in for (${standIns}; a task without a counterpart has no column). Our deltas are the held-out Δ columns above; the paper's are single best-of-grid dev-set figures from 8-layer, 512-wide encoders pretrained for 250k updates of 128 × 512 tokens, so compare their signs and order, not their size.\n`,
    `| embedding | embedding params | ${header.join(' | ')} |`,
    `|---|---:|${header.map(() => '---:').join('|')}|`,
    ...lines,
  ].join('\n');
}
