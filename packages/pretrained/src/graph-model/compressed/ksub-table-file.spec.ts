import { FormatError } from '@ksub/core';
import { parseKsubTableFile } from './ksub-table-file';

const valid = {
  format: 'ksub-compressed-table',
  version: 1,
  weight: 'module/Embeddings_en',
  dtype: 'float32',
  shape: [8002, 256],
  index: 3,
  binBytes: 264_256,
  binSha256: 'ab'.repeat(32),
  factors: { kind: 'low-rank' },
};
const parse = (value: unknown) =>
  parseKsubTableFile(typeof value === 'string' ? value : JSON.stringify(value), 'm/ksub-table.json', 'read');

describe('parseKsubTableFile', () => {
  it('returns a valid file as parsed', () => {
    expect(parse(valid)).toEqual(valid);
  });

  it.each([
    ['text that is not JSON', '{', 'read: m/ksub-table.json: not JSON ('],
    ['a list', [], 'read: m/ksub-table.json: must hold a JSON object; got []'],
    [
      'another format',
      { ...valid, format: 'x' },
      'read: m/ksub-table.json: weight "module/Embeddings_en": format is "x"; expected "ksub-compressed-table"',
    ],
    [
      'another version',
      { ...valid, version: 2 },
      'weight "module/Embeddings_en": version is 2; this reader knows version 1',
    ],
    [
      'no weight',
      { ...valid, weight: '' },
      'read: m/ksub-table.json: weight must be a non-empty string; got ""',
    ],
    ['another dtype', { ...valid, dtype: 'int32' }, 'dtype must be "float32"; got "int32"'],
    [
      'a 3-D shape',
      { ...valid, shape: [1, 2, 3] },
      'shape must be [rows, cols] of positive integers; got [1, 2, 3]',
    ],
    ['a negative index', { ...valid, index: -1 }, 'index must be an integer ≥ 0; got -1'],
    [
      'a missing binBytes',
      { ...valid, binBytes: undefined },
      'binBytes must be an integer ≥ 0; got undefined',
    ],
    [
      'an upper-case checksum',
      { ...valid, binSha256: 'AB'.repeat(32) },
      'binSha256 must be 64 lower-case hex digits; got "ABAB',
    ],
    ['no factors', { ...valid, factors: null }, 'factors must be an object; got null'],
  ])('names the file (and weight) for %s', (_, value, message) => {
    expect(() => parse(value)).toThrow(FormatError);
    expect(() => parse(value)).toThrow(message);
  });
});
