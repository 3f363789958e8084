import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

/**
 * `nx run experiments:reproduce -- --preset tiny|mini|paper`: runs the preset's grid through Nx —
 * every cell a cacheable task in dependency order, finished cells restored from the cache — ending
 * with the tables in docs/results/<preset>/.
 */
function main(): void {
  const { values } = parseArgs({
    options: { preset: { type: 'string', default: 'tiny' }, parallel: { type: 'string', default: '1' } },
  });
  const preset = values.preset as string;
  if (!['tiny', 'mini', 'paper'].includes(preset)) {
    process.stderr.write(`reproduce: --preset must be tiny, mini or paper; got ${JSON.stringify(preset)}\n`);
    process.exit(2);
  }
  const targets = ['table2', 'table3', 'fig2'].map((t) => `cell-${preset}-${t}`).join(',');
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

main();
