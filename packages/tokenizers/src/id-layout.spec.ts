import { identityLayout, robertaLayout } from './id-layout';

describe('robertaLayout', () => {
  it("reproduces roberta-base's special ids and size around GPT-2's 50,257 BPE ids", () => {
    const layout = robertaLayout(50257, 50265);
    expect(layout.size).toBe(50265);
    expect(layout.specialIds).toEqual({ bos: 0, cls: 0, pad: 1, eos: 2, sep: 2, unk: 3, mask: 50264 });
    expect(layout.toFinal(0)).toBe(4);
    expect(layout.toFinal(50256)).toBe(50260);
    expect(layout.toCodec(50260)).toBe(50256);
    expect(layout.toCodec(3)).toBe(-1);
    expect(layout.toCodec(50261)).toBe(-1);
    expect([...layout.reserved.entries()].slice(4)).toEqual([
      [50261, 'madeupword0000'],
      [50262, 'madeupword0001'],
      [50263, 'madeupword0002'],
      [50264, '<mask>'],
    ]);
  });

  it("reserves the codec ids of a file's own special tokens", () => {
    const layout = robertaLayout(50257, 50265, new Map([[50256, '<|endoftext|>']]));
    expect(layout.toCodec(50260)).toBe(-1);
    expect(layout.reserved.get(50260)).toBe('<|endoftext|>');
    expect(layout.description).toBe('roberta:50257:50265:50256');
  });

  it('puts <mask> right after the codec ids when not padded', () => {
    const layout = robertaLayout(10);
    expect(layout.size).toBe(15);
    expect(layout.specialIds.mask).toBe(14);
    expect(layout.reserved.size).toBe(5);
  });

  it('round-trips every codec id and reserves the rest', () => {
    const layout = robertaLayout(100, 110);
    for (let c = 0; c < 100; c++) expect(layout.toCodec(layout.toFinal(c))).toBe(c);
    const codecIds = Array.from({ length: 110 }, (_, id) => layout.toCodec(id)).filter((c) => c >= 0);
    expect(codecIds).toHaveLength(100);
    expect(layout.reserved.size).toBe(10);
  });

  it('rejects a padding smaller than the codec plus five specials', () => {
    expect(() => robertaLayout(100, 104)).toThrow(
      new RangeError('robertaLayout: padTo must be an integer >= 105; got 104'),
    );
  });
});

describe('identityLayout', () => {
  const specials = { bos: 0, cls: 0, pad: 1, eos: 2, sep: 2, unk: 3, mask: 9 };
  const reserved = new Map([
    [0, '<s>'],
    [1, '<pad>'],
    [2, '</s>'],
    [3, '<unk>'],
    [9, '<mask>'],
  ]);

  it('keeps ids and reserves the special ones', () => {
    const layout = identityLayout(10, specials, reserved);
    expect(layout.toFinal(5)).toBe(5);
    expect(layout.toCodec(5)).toBe(5);
    expect(layout.toCodec(9)).toBe(-1);
  });

  it('rejects a special id outside the vocabulary or not reserved', () => {
    expect(() => identityLayout(9, specials, reserved)).toThrow(
      'identityLayout: specialIds.mask must be an integer in [0, 8]; got 9',
    );
    expect(() => identityLayout(10, { ...specials, unk: 4 }, reserved)).toThrow(
      'identityLayout: specialIds.unk = 4 must be among the reserved ids',
    );
  });
});
