import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readGridFile } from '../grid/cell';
import { validateGrid } from '../grid/validate-grid';
import { parseCli } from './parse-cli';

/**
 * `nx run experiments:reproduce -- --preset tiny|mini|paper [--only table2,fig2]`: runs the preset's
 * grid through Nx — every cell a cacheable task in dependency order, finished cells restored from
 * the cache — ending with the tables, figures and learning curves in docs/results/<preset>/
 * (`--only`: just those, what the `table2`, `table3`, `table4`, `table-direction`, `figures` and
 * `curves` targets run; a preset without an end cell, as `paper` without curves, runs the others).
 * `--dry-run` checks the preset's grid (registered corpora, tokenizers, allocators, tasks,
 * compressors; pretraining configs; dependencies) and prints its cells by kind, running nothing.
 */

/** The grid's end cells: the tables, figures and learning curves (each pulls in the cells it needs). */
const OUTPUTS = ['table2', 'table3', 'table4', 'table-direction', 'fig2', 'fig3', 'curves'];

const USAGE = `usage: npx nx run experiments:reproduce -- [--preset tiny|mini|paper] [--only LIST] [--parallel N] [--dry-run]
  Runs the preset's experiment grid through Nx (finished cells come from the cache) and writes
  Tables 2, 3, 4, the seed-001 table, Figs. 2–3 and the learning curves (presets that have
  them) to docs/results/<preset>/.
  --preset    tiny (default; minutes), mini (hours, resumable), paper (a GPU machine)
  --only      some of ${OUTPUTS.join(', ')} (comma-separated)
  --parallel  Nx tasks at once (default 1)
  --dry-run   check the grid and print its cells by kind; runs nothing`;

async function main(): Promise<void> {
  const values = parseCli('reproduce', USAGE, {
    preset: { type: 'string', default: 'tiny' },
    parallel: { type: 'string', default: '1' },
    only: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  });
  if (values === undefined) return;
  const preset = values.preset;
  if (!['tiny', 'mini', 'paper'].includes(preset)) {
    process.stderr.write(`reproduce: --preset must be tiny, mini or paper; got ${JSON.stringify(preset)}\n`);
    process.exit(2);
  }
  const only = values.only === undefined ? OUTPUTS : values.only.split(',');
  const unknown = only.filter((o) => !OUTPUTS.includes(o));
  if (unknown.length > 0) {
    process.stderr.write(
      `reproduce: --only takes ${OUTPUTS.join(', ')}; got ${JSON.stringify(unknown.join(','))}\n`,
    );
    process.exit(2);
  }
  const grid = await readGridFile(join('packages/experiments/grid', `${preset}.json`));
  if (values['dry-run']) {
    const problems = validateGrid(grid);
    const kinds = new Map<string, number>();
    for (const c of grid.cells) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    process.stdout.write(
      `reproduce --dry-run: preset ${preset} (${grid.description})\n` +
        `${grid.cells.length} cells: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}\n` +
        (problems.length === 0
          ? 'no problems found\n'
          : `${problems.length} problems:\n${problems.join('\n')}\n`),
    );
    process.exit(problems.length === 0 ? 0 : 1);
  }
  // a preset without some end cell (paper has no learning curves) runs the others
  const ids = new Set(grid.cells.map((c) => c.id));
  const absent = only.filter((t) => !ids.has(t));
  if (values.only !== undefined && absent.length > 0) {
    process.stderr.write(`reproduce: the ${preset} grid has no ${absent.join(', ')} cell\n`);
    process.exit(2);
  }
  const targets = only
    .filter((t) => ids.has(t))
    .map((t) => `cell-${preset}-${t}`)
    .join(',');
  const run = spawnSync(
    'npx',
    [
      'nx',
      'run-many',
      '-t',
      targets,
      '-p',
      'experiments',
      `--parallel=${values.parallel}`,
      '--output-style=stream',
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    },
  );
  process.exit(run.status ?? 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`reproduce: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
