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
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal };
}
