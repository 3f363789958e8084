import { parseDecimal } from './parse-decimal';

describe('parseDecimal', () => {
  it.each([
    ['4.5', 4.5],
    [' -1 ', -1],
    ['+2', 2],
    ['.5', 0.5],
    ['5.', 5],
    ['2e-1', 0.2],
    ['1E3', 1000],
  ])('reads %j as %d', (text, value) => expect(parseDecimal(text)).toBe(value));

  it.each([
    '0x10',
    '0b1',
    '0o7',
    '1e',
    'e1',
    '',
    ' ',
    '.',
    '-',
    'Infinity',
    '-Infinity',
    'NaN',
    '1_000',
    '1,5',
    '1e999',
  ])('refuses %j', (text) => expect(parseDecimal(text)).toBeNull());
});
