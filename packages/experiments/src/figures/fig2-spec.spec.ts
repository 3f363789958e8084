import { fig2Spec } from './fig2-spec';

describe('fig2Spec', () => {
  it('plots the cumulative share of variance per component and model', () => {
    const spec = fig2Spec(new Map([['full', Float64Array.of(0.5, 0.3, 0.2)]]), 2, 'x') as unknown as {
      data: { values: unknown[] };
    };
    expect(spec.data.values).toEqual([
      { model: 'full', component: 1, cumulative: 0.5 },
      { model: 'full', component: 2, cumulative: 0.8 },
    ]);
  });
});
