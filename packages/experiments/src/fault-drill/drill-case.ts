import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** One adversarial case of the fault drill (`nx run experiments:fault-drill`). */
export interface DrillCase {
  /** Short id, unique across the drill (`corpus-out-existing-dir`). */
  readonly id: string;
  /** Which defect of docs/reliability.md it exercises (1–9), or `extra`. */
  readonly defect: number | 'extra';
  /** What the adversarial user does, one line. */
  readonly action: string;
  /** What must happen, one line (the table's "what happens now"). */
  readonly expected: string;
  /**
   * Runs the case in `dir` (a fresh empty temporary directory owned by this case) and says
   * whether the expected behaviour held, with what was observed (an error message, counts).
   */
  run(dir: string): Promise<DrillOutcome>;
}

/** What a case observed. */
export interface DrillOutcome {
  readonly ok: boolean;
  readonly observed: string;
}

/** The repository root (this file is packages/experiments/src/fault-drill/). */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** Result of a CLI run. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly signal: NodeJS.Signals | null;
  /** Wall-clock time of the run, in seconds (a refusal must come at once, not after a timeout). */
  readonly seconds: number;
}

/**
 * Runs a ksub CLI from its TypeScript source, as a user would run the built one (same code),
 * with no stdin, a time limit, and the environment of this process.
 *
 * @param script - path from the repository root, e.g. `packages/corpus/src/cli/prepare.ts`
 * @param args - its arguments
 * @param options - working directory (default the repository root), time limit in ms (default 120 s)
 */
export function runCli(
  script: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): CliRun {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--conditions=@ksub/source', '-r', '@swc-node/register', join(REPO_ROOT, script), ...args],
    {
      cwd: options.cwd ?? REPO_ROOT,
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    },
  );
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    signal: r.signal,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The last non-blank line of a CLI's output: where the CLIs print the error that stopped them. */
export const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? '';

/** What {@link expectCliError} checks besides the exit status and the message. */
export interface CliErrorChecks {
  /** The refusal must come within this many seconds (then observed says how long it took). */
  readonly within?: number;
  /** Whatever else must hold (usually that nothing was written); default true. */
  readonly also?: boolean;
}

/**
 * The outcome of a case in which a CLI must refuse: ok when it exited 1, the last line of its
 * stderr (the error) includes every string of `parts` and matches every RegExp, it came in time
 * and `checks.also` holds; observed is the exit status (and time) and that line.
 *
 * @example
 * ```ts
 * return expectCliError(runCli(PRETRAIN_CLI, ['--config', dir]), [`cannot read the --config file ${dir}`]);
 * ```
 */
export function expectCliError(
  run: CliRun,
  parts: readonly (string | RegExp)[],
  checks: CliErrorChecks = {},
): DrillOutcome {
  const message = lastLine(run.stderr);
  const said = parts.every((p) => (typeof p === 'string' ? message.includes(p) : p.test(message)));
  const inTime = checks.within === undefined || run.seconds < checks.within;
  const after = checks.within === undefined ? '' : ` after ${run.seconds.toFixed(1)} s`;
  return {
    ok: run.status === 1 && said && inTime && (checks.also ?? true),
    observed: `exit ${run.status ?? run.signal}${after}: "${message}"`,
  };
}
