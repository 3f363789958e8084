// Prints one cell's settings (and the cells it depends on) from a grid file: the per-cell cache
// input of the experiment-grid plugin, so editing one cell of a grid re-runs that cell and the cells
// after it, not the whole grid. Usage: node tools/nx-plugins/cell-args.js PRESET CELL_ID
const { readFileSync } = require('node:fs');
const [preset, id] = process.argv.slice(2);
const grid = JSON.parse(readFileSync(`packages/experiments/grid/${preset}.json`, 'utf8'));
const cell = grid.cells.find((c) => c.id === id);
process.stdout.write(JSON.stringify(cell ?? null));
