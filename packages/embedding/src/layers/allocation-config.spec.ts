import { base64ToBytes, bytesToHex, hexToBytes } from './allocation-config';

// Byte strings of every length 0…10 (all base64 padding cases) and all 256 byte values.
const samples: Uint8Array[] = [
  ...Array.from({ length: 11 }, (_, n) => Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff)),
  Uint8Array.from({ length: 256 }, (_, i) => 255 - i),
];

describe('allocation config encodings (no Buffer)', () => {
  it.each(samples.map((s) => [s.length, s] as const))(
    'hex of %i bytes equals Buffer hex and decodes back',
    (_n, bytes) => {
      const hex = bytesToHex(bytes);
      expect(hex).toBe(Buffer.from(bytes).toString('hex'));
      expect(hexToBytes(hex)).toEqual(bytes);
      expect(hexToBytes(hex.toUpperCase())).toEqual(bytes);
    },
  );

  it.each(samples.map((s) => [s.length, s] as const))(
    'base64 of %i bytes (padded or not) decodes as Buffer does',
    (_n, bytes) => {
      const base64 = Buffer.from(bytes).toString('base64');
      expect(base64ToBytes(base64)).toEqual(bytes);
      expect(base64ToBytes(base64.replace(/=+$/, ''))).toEqual(bytes);
    },
  );

  it('rejects malformed hex and base64, naming the first bad character', () => {
    expect(() => hexToBytes('abc', 'x')).toThrow('loadAllocation: x: hex of odd length 3');
    expect(() => hexToBytes('0g', 'x')).toThrow('loadAllocation: x: not hex: "g" at character 1');
    expect(() => base64ToBytes('QUJD_', 'x')).toThrow('loadAllocation: x: base64 of impossible length 5');
    expect(() => base64ToBytes('QU_D', 'x')).toThrow('loadAllocation: x: not base64: "_" at character 2');
    expect(() => base64ToBytes('QUé=', 'x')).toThrow('loadAllocation: x: not base64: "é" at character 2');
  });
});
