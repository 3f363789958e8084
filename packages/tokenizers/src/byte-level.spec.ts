import { bytesToByteLevel } from './byte-level';

describe('bytesToByteLevel', () => {
  it('maps printable ASCII to itself and space, newline and NUL past U+00FF', () => {
    expect(bytesToByteLevel(new TextEncoder().encode(' the'))).toBe('Ġthe');
    expect(bytesToByteLevel(Uint8Array.of(10))).toBe('Ċ');
    expect(bytesToByteLevel(Uint8Array.of(0))).toBe('Ā');
    expect(bytesToByteLevel(Uint8Array.of(65, 126))).toBe('A~');
  });

  it('is injective over all 256 bytes', () => {
    const chars = new Set(Array.from({ length: 256 }, (_, b) => bytesToByteLevel(Uint8Array.of(b))));
    expect(chars.size).toBe(256);
  });
});
