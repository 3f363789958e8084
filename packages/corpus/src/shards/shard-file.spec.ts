import { FormatError } from '@ksub/core';
import { bytesPerToken, decodeShard, encodeShard, shardChecksum } from './shard-file';

const sequences = [Int32Array.of(0, 10, 11, 2), Int32Array.of(0, 65535, 2), Int32Array.of(0, 2)];

describe('shard file', () => {
  it('chooses 16-bit tokens when the vocabulary fits', () => {
    expect(bytesPerToken(65536)).toBe(2);
    expect(bytesPerToken(65537)).toBe(4);
    expect(bytesPerToken(200003)).toBe(4);
  });

  it.each([2, 4] as const)('round-trips sequences at %i bytes per token', (width) => {
    const shard = decodeShard(encodeShard(sequences, width), 's.bin');
    expect(Array.from(shard.offsets)).toEqual([0, 4, 7, 9]);
    expect(Array.from(shard.tokens)).toEqual([0, 10, 11, 2, 0, 65535, 2, 0, 2]);
    expect(shard.tokens.BYTES_PER_ELEMENT).toBe(width);
  });

  it('has the documented size and carries its checksum', () => {
    const bytes = encodeShard(sequences, 2);
    expect(bytes.length).toBe(32 + 4 * 4 + 9 * 2 + 32);
    expect(shardChecksum(bytes)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects corruption, truncation and a foreign file', () => {
    const bytes = encodeShard(sequences, 2);
    const flipped = Buffer.from(bytes);
    flipped[50] = (flipped[50] as number) ^ 0x40;
    expect(() => decodeShard(flipped, 'x.bin')).toThrow(
      new FormatError('decodeShard: x.bin: checksum mismatch: the shard is corrupt'),
    );
    expect(() => decodeShard(bytes.subarray(0, bytes.length - 1), 'x.bin')).toThrow(
      `decodeShard: x.bin: truncated: expected ${bytes.length} bytes, found ${bytes.length - 1}`,
    );
    expect(() => decodeShard(Buffer.alloc(100), 'x.bin')).toThrow('not a ksub shard (bad magic)');
  });

  it('refuses a token too wide for 16 bits', () => {
    expect(() => encodeShard([Int32Array.of(70000)], 2)).toThrow(
      new RangeError('encodeShard: token ids must fit 2 bytes; got 70000'),
    );
  });
});
