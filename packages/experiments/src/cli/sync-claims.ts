import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@ksub/core/node';
import { syncClaims } from '../report/doc-claims';
import { parseCli } from './parse-cli';

const USAGE = `usage: npx nx run experiments:claims -- --preset tiny|mini|paper [--doc FILE] [--check]
  Copies the sentences the result tables generate ("What these numbers support (generated)" in
  docs/results/<preset>/table2.md, table3.md, table-direction.md and curves.md) into the marked blocks of
  FILE (default docs/reproduction.md), <!-- generated:<preset>-claims-… --> … <!-- /generated:… -->.
  Only those blocks are rewritten. --check: write nothing; exit 1 if a block is out of date.`;

/** `nx run experiments:claims -- --preset mini [--check]`: the docs' claims, regenerated. */
async function main(): Promise<void> {
  const values = parseCli('claims', USAGE, {
    preset: { type: 'string' },
    doc: { type: 'string', default: 'docs/reproduction.md' },
    check: { type: 'boolean', default: false },
  });
  if (values === undefined) return;
  const preset = values.preset as string | undefined;
  if (preset === undefined || !['tiny', 'mini', 'paper'].includes(preset)) {
    throw new Error(`--preset must be tiny, mini or paper, got ${JSON.stringify(preset)}`);
  }
  const docPath = resolve(values.doc as string);
  if (!existsSync(docPath)) throw new Error(`--doc ${docPath} does not exist`);
  const results = resolve('docs/results', preset);
  const read = (file: string): string | undefined => {
    const path = join(results, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  const { doc, changed } = syncClaims(readFileSync(docPath, 'utf8'), preset, read);
  if (changed.length === 0) {
    process.stdout.write(`claims: ${docPath} is up to date with docs/results/${preset}\n`);
    return;
  }
  if (values.check === true) {
    process.stderr.write(`claims: out of date in ${docPath}: ${changed.join(', ')} (run without --check)\n`);
    process.exitCode = 1;
    return;
  }
  await writeFileAtomic(docPath, doc);
  process.stdout.write(`claims: rewrote ${changed.join(', ')} in ${docPath}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`claims: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
