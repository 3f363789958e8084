import {
  formatMagnitudeInterval,
  formatPercent,
  formatPercentInterval,
  formatSigned,
  formatSignedInterval,
  formatSignedPercent,
  formatSignedPercentInterval,
  formatSignedPoints,
} from './number-format';

describe('number formats', () => {
  it('signs non-negative values with + and keeps the minus of negatives', () => {
    expect(formatSigned(0.0081, 3)).toBe('+0.008');
    expect(formatSigned(-0.6181, 3)).toBe('-0.618');
    expect(formatSigned(0, 2)).toBe('+0.00');
    expect(formatSigned(12.345, 1)).toBe('+12.3');
  });

  it('writes fractions as percentages with one decimal unless told otherwise', () => {
    expect(formatPercent(0.8)).toBe('80.0');
    expect(formatPercent(0.77512)).toBe('77.5');
    expect(formatPercent(0.5, 2)).toBe('50.00');
    expect(formatPercent(1)).toBe('100.0');
  });

  it('writes differences of fractions as signed percent points', () => {
    expect(formatSignedPercent(0.008)).toBe('+0.8');
    expect(formatSignedPercent(-0.03)).toBe('-3.0');
    expect(formatSignedPercent(0)).toBe('+0.0');
  });

  it('writes a score with its interval and a difference with its signed interval', () => {
    expect(formatPercentInterval(0.8, 0.781, 0.819)).toBe('80.0 [78.1, 81.9]');
    expect(formatSignedPercentInterval(0.012, -0.004, 0.029)).toBe('+1.2 [-0.4, +2.9]');
    expect(formatSignedPoints(-0.021, -0.035, -0.007)).toBe('-2.1 points [-3.5, -0.7]');
    expect(formatSignedInterval(0.0081, -0.0571, 0.0712, 3)).toBe('+0.008 [-0.057, +0.071]');
    expect(formatSignedInterval(0.1712, 0.1204, 0.2201, 3, 'nats')).toBe('+0.171 nats [+0.120, +0.220]');
  });

  it('gives a difference as a magnitude whose interval is flipped with it when it is negative', () => {
    // -0.041 in [-0.073, -0.010] is 0.041 lower, by between 0.010 and 0.073
    expect(formatMagnitudeInterval(-0.0413, -0.0731, -0.0102, 3)).toBe('0.041 [0.010, 0.073]');
    expect(formatMagnitudeInterval(0.2219, 0.1893, 0.2551, 3, 'nats')).toBe('0.222 nats [0.189, 0.255]');
    expect(formatMagnitudeInterval(-0.00031, -0.00052, -0.00011, 4)).toBe('0.0003 [0.0001, 0.0005]');
  });
});
