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
