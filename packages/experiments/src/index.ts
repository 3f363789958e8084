export { computeTable1 } from './table1/compute-table1';
export type { Table1Row } from './table1/compute-table1';
export { PAPER_TABLE1, TABLE1_MODELS } from './table1/medium-models';
export type { PaperTable1Row, Table1Model } from './table1/medium-models';
export { renderTable1Csv, renderTable1Markdown } from './table1/render-table1';
export { table1Report } from './table1/table1-report';
export { agreesWithPaper, formatCount, parsePaperFigure } from './report/paper-figure';
export type { PaperFigure } from './report/paper-figure';
