import { agreesWithPaper, formatCount, parsePaperFigure } from './paper-figure';

describe('parsePaperFigure', () => {
  it.each([
    ['18.9k', 18.9, 1e3, 1],
    ['25.7M', 25.7, 1e6, 1],
    ['51M', 51, 1e6, 0],
    ['225', 225, 1, 0],
    ['2k', 2, 1e3, 0],
  ])('parses %s', (text, mantissa, unit, decimals) => {
    expect(parsePaperFigure(text)).toEqual({ text, mantissa, unit, decimals });
  });

  it('rejects text that is not a figure', () => {
    expect(() => parsePaperFigure('about 5')).toThrow(
      new TypeError('parsePaperFigure: text must look like "18.9k", "25.7M" or "225"; got "about 5"'),
    );
  });
});

describe('agreesWithPaper', () => {
  it.each([
    [18944, '18.9k', true],
    [115200, '115k', true],
    [2048, '2k', true],
    [32256, '32k', true],
    [25735680, '25.7M', true],
    [128001024, '128M', true],
    [51533401, '51M', false], // 51.53M rounds to 52M
    [51482112, '51M', true],
    [225, '225', true],
    [226, '225', false],
    [18950, '18.9k', false], // 18.95k rounds half up to 19.0k
  ])('%i vs %s → %p', (value, paper, expected) => {
    expect(agreesWithPaper(value, paper)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each([
    [18944, 1, '18.9k'],
    [25735680, 1, '25.7M'],
    [153998482, 0, '154M'],
    [37, 1, '37'],
  ])('formats %i with %i decimals as %s', (value, decimals, text) => {
    expect(formatCount(value, decimals)).toBe(text);
  });
});
