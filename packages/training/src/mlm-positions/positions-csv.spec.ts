import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import type { MlmPositions } from './mlm-positions';
import {
  formatPositionsCsv,
  parsePositionsCsv,
  POSITION_COLUMNS,
  readPositionsCsv,
  writePositionsCsv,
} from './positions-csv';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ksub-positions-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'sequence,position,token,loss,correct,unigram_loss';

const positions: MlmPositions = {
  sequence: Int32Array.of(0, 0, 3),
  position: Int32Array.of(2, 7, 1),
  token: Int32Array.of(1437, 5, 50264),
  loss: Float64Array.of(7.812345678, 0.000123456789, 10),
  correct: Uint8Array.of(0, 1, 0),
  unigramLoss: Float64Array.of(6.1054449, 3.25, 1.23456789e-7),
};

describe('positions CSV', () => {
  it('writes the header and losses to 6 significant digits (hand-derived text)', () => {
    expect(POSITION_COLUMNS.join(',')).toBe(HEADER);
    expect(formatPositionsCsv(positions)).toBe(
      [
        HEADER,
        '0,2,1437,7.81235,0,6.10544',
        '0,7,5,0.000123457,1,3.25000',
        '3,1,50264,10.0000,0,1.23457e-7',
        '',
      ].join('\n'),
    );
  });

  it('reads back what it wrote: integers exact, losses within half a unit of the 6th digit', async () => {
    const path = join(dir, 'round-trip.csv');
    await writePositionsCsv(path, positions);
    const back = await readPositionsCsv(path);
    expect(back.source).toBe(path);
    for (const column of ['sequence', 'position', 'token', 'correct'] as const)
      expect(back[column]).toEqual(positions[column]);
    for (const column of ['loss', 'unigramLoss'] as const)
      positions[column].forEach((v, i) =>
        expect(Math.abs((back[column][i] as number) - v)).toBeLessThanOrEqual(5e-6 * v),
      );
    expect(readFileSync(path, 'utf8')).toBe(formatPositionsCsv(positions));
  });

  it('reads CRLF line ends and a file with no rows', () => {
    const crlf = parsePositionsCsv(`${HEADER}\r\n1,2,3,0.5,1,2.5\r\n`);
    expect([crlf.sequence[0], crlf.loss[0], crlf.unigramLoss[0]]).toEqual([1, 0.5, 2.5]);
    expect(parsePositionsCsv(`${HEADER}\n`).loss.length).toBe(0);
  });

  it('refuses another header, naming the source and what it found', () => {
    expect(() => parsePositionsCsv('sequence,position,token,loss\n', 'x.csv')).toThrow(
      new FormatError(
        `parsePositionsCsv: x.csv must start with the header ${HEADER}; got "sequence,position,token,loss"`,
      ),
    );
  });

  it.each([
    ['a missing field', '0,1,5,0.5,1', 'must have 6 fields; got 5'],
    ['a fractional position', '0,1.5,5,0.5,1,2', 'position must be an integer in [0, 2147483647]; got "1.5"'],
    ['a negative token', '0,1,-5,0.5,1,2', 'token must be an integer in [0, 2147483647]; got "-5"'],
    ['correct = 2', '0,1,5,0.5,2,2', 'correct must be an integer in [0, 1]; got "2"'],
    ['a word for a loss', '0,1,5,abc,1,2', 'loss must be a number ≥ 0; got "abc"'],
    ['an empty unigram loss', '0,1,5,0.5,1,', 'unigram_loss must be a number ≥ 0; got ""'],
    ['NaN', '0,1,5,NaN,1,2', 'loss must be a number ≥ 0; got "NaN"'],
  ])('reports %s by line number', (_name, bad, message) => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, `${HEADER}\n0,0,5,1,0,1\n${bad}\n`);
    return expect(readPositionsCsv(path)).rejects.toThrow(`parsePositionsCsv: ${path}:3: ${message}`);
  });

  it('names the file it cannot read', async () => {
    await expect(readPositionsCsv(join(dir, 'missing.csv'))).rejects.toThrow('missing.csv');
  });

  it('refuses columns of different lengths', () => {
    expect(() => formatPositionsCsv({ ...positions, loss: Float64Array.of(1) })).toThrow(
      new RangeError('formatPositionsCsv: positions.loss must have 3 entries, as positions.sequence; got 1'),
    );
  });
});
