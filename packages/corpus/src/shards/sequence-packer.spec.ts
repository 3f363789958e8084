import { SequencePacker } from './sequence-packer';

function pack(maxLength: number, docs: number[][]): number[][] {
  const out: number[][] = [];
  const packer = new SequencePacker(maxLength, 0, 2, (s) => out.push(Array.from(s)));
  for (const d of docs) packer.add(d);
  packer.finish();
  return out;
}

describe('SequencePacker', () => {
  it('packs documents separated by </s> into <s> … </s> sequences of at most maxLength', () => {
    // capacity 6 − 2 = 4 content tokens
    expect(pack(6, [[10, 11], [12], [13, 14, 15, 16, 17]])).toEqual([
      [0, 10, 11, 2, 12, 2], // 10 11 </s> 12 (4 tokens)
      [0, 13, 14, 15, 16, 2], // separator dropped at a sequence start
      [0, 17, 2],
    ]);
  });

  it('keeps every token exactly once, in order', () => {
    const docs = Array.from({ length: 50 }, (_, d) =>
      Array.from({ length: (d * 7) % 23 }, (_, i) => 100 + d * 30 + i),
    );
    const sequences = pack(16, docs);
    for (const s of sequences) {
      expect(s.length).toBeLessThanOrEqual(16);
      expect([s[0], s[s.length - 1]]).toEqual([0, 2]);
    }
    const content = sequences.flatMap((s) => s.slice(1, -1)).filter((id) => id !== 2);
    expect(content).toEqual(docs.flat());
  });

  it('ignores empty documents', () => {
    expect(pack(8, [[], [5], []])).toEqual([[0, 5, 2]]);
  });
});
