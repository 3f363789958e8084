import { Presets, SingleBar } from 'cli-progress';
import type { Progress } from './progress-report';

export type { Progress } from './progress-report';

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** What is being done, shown first. */
  readonly label: string;
  /** Expected total, when known (gives a percentage and an ETA). */
  readonly total?: number;
  /**
   * Count already done before this run (e.g. the step a resumed training run starts from; default 0).
   * The bar starts there, and the rate and ETA count only what this run does.
   */
  readonly initial?: number;
  /** Unit of the counted things (e.g. `docs`, `steps`). */
  readonly unit?: string;
  /** Where to write (default `process.stderr`). */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Without a terminal, one line every this many milliseconds (default 10,000). */
  readonly intervalMs?: number;
  /** A clock, for tests (default `Date.now`). */
  readonly now?: () => number;
}

/** A rate: whole numbers from 10 up, two significant digits below (a slow run shows 0.52/s, not 1/s). */
function formatRate(perSecond: number): string {
  return perSecond >= 10 ? String(Math.round(perSecond)) : String(Number(perSecond.toPrecision(2)));
}

/** Seconds as `1h 02m`, `3m 05s` or `42s`. */
function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

function formatFields(fields: Readonly<Record<string, string | number>>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`)
    .join(' | ');
}

/**
 * A progress bar for long runs: on a terminal, a live `cli-progress` bar (a maintained library,
 * rather than hand-drawn escape codes) with rate and ETA; in CI logs and pipes, a plain line every
 * `intervalMs` and one at the end, so logs stay readable. Set `KSUB_PROGRESS=off` to silence it.
 *
 * @example
 * ```ts
 * const bar = createProgress({ label: 'pack', unit: 'docs' });
 * bar.tick(1, { tokens: 1200 });
 * bar.stop();
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const unit = options.unit ?? 'items';
  const now = options.now ?? Date.now;
  const initial = options.initial ?? 0;
  if (!Number.isFinite(initial) || initial < 0)
    throw new RangeError(`createProgress: initial must be a finite number >= 0; got ${String(initial)}`);
  if (process.env['KSUB_PROGRESS'] === 'off') return { tick: () => undefined, stop: () => undefined };
  const start = now();
  let value = initial;
  let fields: Readonly<Record<string, string | number>> = {};

  if (stream.isTTY === true) {
    const bar = new SingleBar(
      {
        stream,
        format:
          options.total === undefined
            ? `${options.label} | {value} ${unit} | {rate}/s | {fields}`
            : `${options.label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted} | {fields}`,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(options.total ?? 0, initial, { rate: 0, fields: '' });
    return {
      tick(amount = 1, next = fields) {
        value += amount;
        fields = next;
        const seconds = Math.max((now() - start) / 1000, 1e-3);
        bar.update(value, { rate: formatRate((value - initial) / seconds), fields: formatFields(fields) });
      },
      stop() {
        bar.stop();
      },
    };
  }

  const interval = options.intervalMs ?? 10_000;
  let lastLine = start;
  const line = (final: boolean) => {
    const seconds = Math.max((now() - start) / 1000, 1e-3);
    const of = options.total === undefined ? '' : `/${options.total}`;
    const rate = (value - initial) / seconds;
    const eta =
      !final && options.total !== undefined && rate > 0 && value < options.total
        ? ` | ETA ${formatDuration((options.total - value) / rate)}`
        : '';
    const extra = Object.keys(fields).length > 0 ? ` | ${formatFields(fields)}` : '';
    stream.write(
      `${options.label}: ${value}${of} ${unit} | ${formatRate(rate)}/s | ${seconds.toFixed(1)} s${eta}${extra}${final ? ' | done' : ''}\n`,
    );
  };
  return {
    tick(amount = 1, next = fields) {
      value += amount;
      fields = next;
      if (now() - lastLine >= interval) {
        lastLine = now();
        line(false);
      }
    },
    stop() {
      line(true);
    },
  };
}
