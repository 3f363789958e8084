import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@ksub/core';
import { allGrids } from '../grid/build-grid';
import { gridJson } from '../grid/grid-json';

/**
 * `nx run experiments:grid [-- --out DIR]`: writes packages/experiments/grid/<preset>.json (or
 * DIR/<preset>.json) from the typed presets. Loads no TensorFlow.js.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'packages/experiments/grid' } },
  });
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
