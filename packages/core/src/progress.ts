import { Presets, SingleBar } from 'cli-progress';

/** A running progress report. */
export interface Progress {
  /** Advances by `amount` (default 1) and updates the shown fields. */
  tick(amount?: number, fields?: Readonly<Record<string, string | number>>): void;
  /** Final line; the bar stops updating. */
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** What is being done, shown first. */
  readonly label: string;
  /** Expected total, when known (gives a percentage and an ETA). */
  readonly total?: number;
  /** Unit of the counted things (e.g. `docs`, `steps`). */
  readonly unit?: string;
  /** Where to write (default `process.stderr`). */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Without a terminal, one line every this many milliseconds (default 10,000). */
  readonly intervalMs?: number;
  /** A clock, for tests (default `Date.now`). */
  readonly now?: () => number;
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
  if (process.env['KSUB_PROGRESS'] === 'off') return { tick: () => undefined, stop: () => undefined };
  const start = now();
  let value = 0;
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
    bar.start(options.total ?? 0, 0, { rate: 0, fields: '' });
    return {
      tick(amount = 1, next = fields) {
        value += amount;
        fields = next;
        const seconds = Math.max((now() - start) / 1000, 1e-3);
        bar.update(value, { rate: Math.round(value / seconds), fields: formatFields(fields) });
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
    const extra = Object.keys(fields).length > 0 ? ` | ${formatFields(fields)}` : '';
    stream.write(
      `${options.label}: ${value}${of} ${unit} | ${Math.round(value / seconds)}/s | ${seconds.toFixed(1)} s${extra}${final ? ' | done' : ''}\n`,
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
