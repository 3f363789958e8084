/** A fine-tuning result row as read back from the results CSV (the fields this table needs). */
export interface LanguageRow {
  readonly task: string;
  readonly model: string;
  readonly metric: string;
  readonly value: number;
}

/**
 * Table 4's shape from per-language result rows (tasks named `<prefix>-<lang>`): one line per
 * model, one column per language and the average, each cell the best value of that model and
 * language (`reduce` `best`, the grid's best) or their mean (`mean`: e.g. the test scores of the
 * runs at the chosen configuration, one per seed), in percent.
 *
 * @example
 * ```ts
 * languageTable(rows, 'xnli', ['en', 'fr'], 'accuracy');
 * ```
 */
export function languageTable(
  rows: readonly LanguageRow[],
  prefix: string,
  languages: readonly string[],
  metric: string,
  reduce: 'best' | 'mean' = 'best',
): string {
  const models = [...new Set(rows.map((r) => r.model))];
  const best = (model: string, language: string): number | undefined => {
    const values = rows
      .filter((r) => r.model === model && r.metric === metric && r.task === `${prefix}-${language}`)
      .map((r) => r.value);
    if (values.length === 0) return undefined;
    return reduce === 'best' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
  };
  const lines = models.map((model) => {
    const cells = languages.map((l) => best(model, l));
    const known = cells.filter((c): c is number => c !== undefined);
    const average =
      known.length === languages.length ? known.reduce((a, b) => a + b, 0) / known.length : undefined;
    const fmt = (v: number | undefined) => (v === undefined ? '—' : (100 * v).toFixed(1));
    return `| ${model} | ${cells.map(fmt).join(' | ')} | ${fmt(average)} |`;
  });
  return [
    `| model | ${languages.join(' | ')} | avg |`,
    `|---|${languages.map(() => '---:').join('|')}|---:|`,
    ...lines,
  ].join('\n');
}
