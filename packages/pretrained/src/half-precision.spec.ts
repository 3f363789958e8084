import { bfloat16ToNumber, float16ToNumber } from './half-precision';

describe('half-precision conversions', () => {
  it.each([
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x7bff, 65504], // largest half
    [0x0001, 2 ** -24], // smallest subnormal
    [0x0000, 0],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('float16 %s → %p', (bits, value) => {
    expect(float16ToNumber(bits)).toBe(value);
  });

  it('float16 NaN', () => {
    expect(float16ToNumber(0x7e00)).toBeNaN();
  });

  it.each([
    [0x3f80, 1],
    [0xc040, -3],
    [0x4049, 3.140625],
    [0x0000, 0],
  ])('bfloat16 %s → %p', (bits, value) => {
    expect(bfloat16ToNumber(bits)).toBe(value);
  });
});
