import { join } from 'node:path';
import { writeFileAtomic } from '@ksub/core/node';
import { allGrids } from '../grid/build-grid';
import { gridJson } from '../grid/grid-json';
import { parseCli } from './parse-cli';

const USAGE = `usage: npx nx run experiments:grid -- [--out DIR]
  Writes every preset's experiment grid, DIR/<preset>.json (default DIR: packages/experiments/grid),
  from the typed presets.`;

/**
 * `nx run experiments:grid [-- --out DIR]`: writes packages/experiments/grid/<preset>.json (or
 * DIR/<preset>.json) from the typed presets. Loads no TensorFlow.js.
 */
async function main(): Promise<void> {
  const values = parseCli('grid', USAGE, { out: { type: 'string', default: 'packages/experiments/grid' } });
  if (values === undefined) return;
  for (const grid of allGrids()) {
    const path = join(values.out, `${grid.preset}.json`);
    await writeFileAtomic(path, gridJson(grid));
    process.stdout.write(`grid: ${grid.cells.length} cells → ${path}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
