import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@ksub/core/node';
import { renderSvg } from '../plots/render-svg';
import { summarizeRun, summaryTable } from '../plots/run-summary';
import { trainingCurveSpec } from '../plots/training-curve';

const USAGE = `usage: nx run experiments:plot-pretrain -- --run DIR|FILE.jsonl[=LABEL] [--run …] --out FILE.svg [--title TEXT] [--summary FILE.md]
  Draws training and validation MLM loss of each pretraining run (its directory's metrics.jsonl, or a
  metrics file such as docs/results/<preset>/pretrain/<variant>.metrics.jsonl) with its unigram baseline.`;

/** `nx run experiments:plot-pretrain`: loss curves of pretraining runs as SVG (Vega-Lite). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      run: { type: 'string', multiple: true },
      out: { type: 'string' },
      title: { type: 'string', default: 'MLM pretraining' },
      summary: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help === true || values.out === undefined || values.run === undefined) {
    process.stdout.write(`${USAGE}\n`);
    if (values.help !== true) process.exitCode = 2;
    return;
  }
  const runs = [];
  for (const arg of values.run) {
    const [dir, label] = arg.split('=') as [string, string | undefined];
    // a run directory, or a metrics file itself (the copy a pretraining cell commits under docs/results)
    const file = dir.endsWith('.jsonl') ? dir : `${dir}/metrics.jsonl`;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new Error(`plot-pretrain: --run ${dir}: cannot read ${file}`);
    }
    const records = text
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    runs.push({ label: label ?? basename(dir, '.metrics.jsonl'), records });
  }
  await writeFileAtomic(values.out, await renderSvg(trainingCurveSpec(runs, values.title as string)));
  process.stdout.write(`plot-pretrain: wrote ${values.out}\n`);
  const table = summaryTable(runs.map(summarizeRun));
  process.stdout.write(`${table}\n`);
  if (values.summary !== undefined) await writeFileAtomic(values.summary, `${table}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
