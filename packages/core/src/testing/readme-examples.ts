import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDeadLeftovers } from '../dead-leftovers';

/** Names of the temporary example files: the leading dot keeps them out of tsc's `src/**\/*.ts`. */
const EXAMPLE_FILE = /^\.readme-example-(\d+)-\d+\.ts$/;

let written = 0;

/** The example of a README section (see {@link readmeExample}). */
export interface ReadmeExample {
  /** The code of the section's one ```ts block. */
  readonly code: string;
  /** The non-blank lines of the first ```text block after it in the section (what it prints), if any. */
  readonly printed: readonly string[];
}

/**
 * The example under a README's `## <heading>` (the section runs to the next `## ` heading): its one
 * ```ts block, and the lines of the ```text block after it that show what it prints.
 *
 * @param markdown - the README's text
 * @param heading - the level-2 heading, without `## ` (default `Example`)
 * @throws Error when the heading is missing, a block is not closed, or the section holds no ```ts
 *   block or more than one
 * @example
 * ```ts
 * readmeExample(readFileSync('packages/embedding/README.md', 'utf8')).code; // the code under "## Example"
 * ```
 */
export function readmeExample(markdown: string, heading = 'Example'): ReadmeExample {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`readmeExample: no "## ${heading}" heading`);
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  if (end < 0) end = lines.length;
  const blocks: { lang: string; body: string[] }[] = [];
  for (let i = start + 1; i < end; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] as string);
    if (open === null) continue;
    const close = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (close < 0 || close >= end)
      throw new Error(`readmeExample: the code block at line ${i + 1} is not closed in "## ${heading}"`);
    blocks.push({ lang: open[1] as string, body: lines.slice(i + 1, close) });
    i = close;
  }
  const ts = blocks.filter((b) => b.lang === 'ts');
  if (ts.length !== 1)
    throw new Error(`readmeExample: "## ${heading}" must hold one \`\`\`ts block; found ${ts.length}`);
  const code = ts[0] as { body: string[] };
  const output = blocks
    .slice(blocks.indexOf(code as (typeof blocks)[number]) + 1)
    .find((b) => b.lang === 'text');
  return {
    code: `${code.body.join('\n')}\n`,
    printed: (output?.body ?? []).filter((line) => line.trim() !== ''),
  };
}

/** What {@link runReadmeExample} observed. */
export interface ReadmeExampleRun {
  /** The exit status (null when killed by a signal). */
  readonly status: number | null;
  /** The signal that ended the run, if any (SIGTERM after the timeout). */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock seconds of the run. */
  readonly seconds: number;
  /** The example that ran, and what the README says it prints. */
  readonly example: ReadmeExample;
  /** Lines of `example.printed` that are not lines of stdout (empty when the README is right). */
  readonly missing: readonly string[];
}

/** Options of {@link runReadmeExample}. */
export interface ReadmeExampleOptions {
  /** The README's level-2 heading holding the example (default `Example`). */
  readonly heading?: string;
  /** Kill the example after this many ms (default 60,000). */
  readonly timeoutMs?: number;
  /** Extra environment variables. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs the ```ts example of a package's README as a program: writes it to
 * `<packageDir>/src/.readme-example-<pid>-<n>.ts` (inside the package, so its imports resolve as
 * the package's own do; the leading dot keeps it out of tsc's `src/**\/*.ts`, and no test pattern
 * matches it), runs `node --conditions=@ksub/source -r @swc-node/register` on it with the package
 * as the working directory, and removes it again, also when the run fails. Files left by runs that
 * were killed (their pid no longer running) are removed first.
 *
 * @param packageDir - the package's directory (holding README.md and src/)
 * @example
 * ```ts
 * const run = await runReadmeExample(join(__dirname, '..'));
 * expect(run.status).toBe(0);
 * expect(run.missing).toEqual([]);
 * ```
 */
export async function runReadmeExample(
  packageDir: string,
  options: ReadmeExampleOptions = {},
): Promise<ReadmeExampleRun> {
  const example = readmeExample(readFileSync(join(packageDir, 'README.md'), 'utf8'), options.heading);
  const srcDir = join(packageDir, 'src');
  await removeDeadLeftovers(srcDir, EXAMPLE_FILE);
  const file = join(srcDir, `.readme-example-${process.pid}-${written++}.ts`);
  const started = performance.now();
  try {
    writeFileSync(file, example.code);
    const r = spawnSync(process.execPath, ['--conditions=@ksub/source', '-r', '@swc-node/register', file], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const stdout = r.stdout ?? '';
    const lines = new Set(stdout.split(/\r?\n/));
    return {
      status: r.status,
      signal: r.signal,
      stdout,
      stderr: `${r.stderr ?? ''}${r.error === undefined ? '' : `\n${r.error.message}`}`,
      seconds: (performance.now() - started) / 1000,
      example,
      missing: example.printed.filter((line) => !lines.has(line)),
    };
  } finally {
    rmSync(file, { force: true });
  }
}
