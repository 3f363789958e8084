import { join } from 'node:path';
import { writeFileAtomic } from '@ksub/core';
import { allGrids } from '../grid/build-grid';
import { gridJson } from '../grid/grid-json';

/** `nx run experiments:grid`: writes packages/experiments/grid/<preset>.json from the typed presets. */
async function main(): Promise<void> {
  for (const grid of allGrids()) {
    const path = join('packages/experiments/grid', `${grid.preset}.json`);
    await writeFileAtomic(path, gridJson(grid));
    process.stdout.write(`grid: ${grid.cells.length} cells → ${path}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
