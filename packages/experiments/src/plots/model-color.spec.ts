import { scheme } from 'vega';
import { MODEL_COLOR_SCHEME, modelColor } from './model-color';

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
});
