import { appendFile, readFile } from 'node:fs/promises';
import { withFileContext } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';

/** A metrics file of JSON lines, appended as a run goes and cut back to a checkpoint on resume. */
export class MetricsLog {
  lines = 0;

  constructor(readonly path: string) {}

  /** Appends one record. */
  async write(record: Readonly<Record<string, unknown>>): Promise<void> {
    await withFileContext('append to the metrics file', this.path, () =>
      appendFile(this.path, `${JSON.stringify(record)}\n`),
    );
    this.lines++;
  }

  /** Keeps the first `lines` records (those a checkpoint had seen), dropping any written after it. */
  async truncate(lines: number): Promise<void> {
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      text = '';
    }
    const kept = text
      .split('\n')
      .filter((l) => l.length > 0)
      .slice(0, lines);
    if (kept.length < lines)
      throw new RangeError(
        `MetricsLog: ${this.path} has ${kept.length} records, the checkpoint expects ${lines}`,
      );
    await writeFileAtomic(this.path, kept.map((l) => `${l}\n`).join(''));
    this.lines = lines;
  }
}

/** Reads a metrics file back as records. */
export async function readMetrics(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
