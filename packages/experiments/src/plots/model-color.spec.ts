import { scheme } from 'vega';
import { firstSeen, MODEL_COLOR_SCHEME, modelColor } from './model-color';

describe('modelColor', () => {
  it('names a scheme vega knows, with a distinct colour for each of the 11 Table 2–3 models', () => {
    const colours = scheme(MODEL_COLOR_SCHEME) as string[];
    expect(Array.isArray(colours)).toBe(true);
    expect(new Set(colours.slice(0, 11)).size).toBe(11);
    expect(scheme('tableau10')).toHaveLength(10); // the default, which would repeat
  });

  it('is a nominal channel on the given field with uncut legend labels', () => {
    expect(modelColor('run')).toEqual({
      field: 'run',
      type: 'nominal',
      scale: { scheme: 'tableau20' },
      legend: { labelLimit: 0 },
    });
  });

  it('lists the models in the order given, when given', () => {
    expect(modelColor('model', ['full', 'clustered-naive-m100']).sort).toEqual([
      'full',
      'clustered-naive-m100',
    ]);
    expect(modelColor('model')).not.toHaveProperty('sort');
  });
});

describe('firstSeen', () => {
  it('keeps each value once, where it first appears', () => {
    expect(firstSeen(['full', 'radix-k3', 'full', 'alpha', 'radix-k3'])).toEqual([
      'full',
      'radix-k3',
      'alpha',
    ]);
    expect(firstSeen([])).toEqual([]);
  });
});
