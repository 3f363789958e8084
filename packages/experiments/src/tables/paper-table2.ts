/** The GLUE columns of the paper's Table 2, in its order. */
export const PAPER_TABLE2_COLUMNS = ['SST-2', 'MNLI', 'QNLI', 'QQP', 'RTE', 'MRPC', 'CoLA', 'STS-B'] as const;

/** The paper's Table 2 (GLUE dev, random allocation), by row: `base` or k. From ../shared/paper-notes.md. */
export const PAPER_TABLE2_ROWS: Readonly<Record<string, readonly number[]>> = {
  base: [89.9, 79.6, 88.2, 86.6, 72.9, 88.4, 38.1, 88.1],
  k2: [88.6, 74.3, 84.0, 84.0, 66.8, 88.1, 35.7, 79.3],
  k3: [88.0, 73.2, 83.5, 83.0, 67.9, 85.6, 18.4, 77.4],
  k4: [88.1, 72.7, 84.2, 83.4, 70.0, 87.5, 23.3, 78.5],
  k6: [87.4, 73.6, 84.2, 82.6, 67.5, 85.3, 25.6, 79.6],
  k8: [88.1, 73.1, 83.1, 83.1, 67.9, 86.4, 20.1, 76.5],
};

/** The paper's Table 3 (GLUE dev, k = 3 clustered), by row. From ../shared/paper-notes.md. */
export const PAPER_TABLE3_ROWS: Readonly<Record<string, readonly number[]>> = {
  'naive-m100': [88.2, 75.9, 85.1, 84.7, 67.1, 87.3, 37.5, 81.6],
  'naive-m200': [90.0, 77.6, 85.5, 85.6, 69.7, 88.7, 34.9, 84.5],
  'equal-m50': [89.3, 75.8, 83.5, 84.6, 67.9, 87.7, 33.6, 80.2],
  'equal-m100': [89.3, 77.2, 85.8, 84.8, 70.8, 87.4, 36.8, 84.9],
};

/** The paper's row for one of our variant ids (`full`, `radix-k3`, `clustered-naive-m100`, …), if it has one. */
export function paperRow(variant: string): readonly number[] | undefined {
  if (variant === 'full') return PAPER_TABLE2_ROWS['base'];
  if (variant.startsWith('radix-')) return PAPER_TABLE2_ROWS[variant.slice('radix-'.length)];
  if (variant.startsWith('clustered-')) return PAPER_TABLE3_ROWS[variant.slice('clustered-'.length)];
  return undefined; // e.g. the GloVe variant, which the paper does not have
}
