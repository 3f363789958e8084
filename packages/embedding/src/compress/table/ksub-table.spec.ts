import {
  createEmbeddingMatrix,
  type EmbeddingMatrix,
  factorBytes,
  reconstructTable,
  RegistryError,
  Rng,
} from '@ksub/core';
import { describeTableCompressorConformance } from '@ksub/core/testing';
import {
  type AllocationRequest,
  listAllocators,
  RadixAllocator,
  registerAllocator,
  unregisterAllocator,
} from '@ksub/index-mapping';
import { fitSubTables } from './fit-sub-tables';
import { ksubTable } from './ksub-table';

function randomTable(rows: number, cols: number, seed: number): EmbeddingMatrix {
  const rng = Rng.fromSeed(seed);
  return createEmbeddingMatrix(
    rows,
    cols,
    Float32Array.from({ length: rows * cols }, () => rng.nextNormal()),
  );
}

describeTableCompressorConformance('ksub-radix', () => ksubTable('radix'));
if (listAllocators().includes('scattered')) {
  describeTableCompressorConformance('ksub-scattered', () => ksubTable('scattered'));
}

describe('ksubTable', () => {
  const seen: AllocationRequest[] = [];
  beforeAll(() => {
    // needs embeddings, hands back radix codes: shows what the compressor passes
    registerAllocator('test-needs-embeddings', () => ({
      name: 'test-needs-embeddings',
      randomized: false,
      requiresEmbeddings: true,
      optionKeys: ['flavour'],
      async allocate(request) {
        seen.push(request);
        const { options: _options, embeddings: _embeddings, ...rest } = request;
        return { ...(await new RadixAllocator().allocate(rest)), method: 'test-needs-embeddings' };
      },
    }));
    // grows the last table by `extra` unused rows, as a clustered last level can
    const growing = (name: string, extra: (m: number, k: number) => number) => () => ({
      name,
      randomized: false,
      requiresEmbeddings: false,
      async allocate(request: AllocationRequest) {
        seen.push(request);
        const a = await new RadixAllocator().allocate(request);
        const m = request.rows as number;
        return {
          ...a,
          method: name,
          rows: a.rows.map((r, j) => (j === a.rows.length - 1 ? r + extra(m, request.numTables) : r)),
        };
      },
    });
    registerAllocator(
      'test-grows',
      growing('test-grows', () => 40),
    );
    registerAllocator(
      'test-grows-with-few-tables',
      growing('test-grows-with-few-tables', (m, k) => (k === 2 ? 100 * m : 0)),
    );
    registerAllocator(
      'test-grows-a-lot',
      growing('test-grows-a-lot', (m) => 100 * m),
    );
  });
  afterAll(() => {
    for (const name of [
      'test-needs-embeddings',
      'test-grows',
      'test-grows-with-few-tables',
      'test-grows-a-lot',
    ])
      unregisterAllocator(name);
  });
  beforeEach(() => (seen.length = 0));

  it('chooses the unique shape of the budget and fits radix codes (hand-derived)', async () => {
    // 300 × 24 at 3600 bytes, fewest tables first: k = 2 → m = ⌊(3600 − 600)/96⌋ = 31 (31² ≥ 300)
    const table = randomTable(300, 24, 1);
    const { method, settings, factors } = await ksubTable('radix').compress(table, { bytes: 3600 });
    expect(method).toBe('ksub-radix');
    expect(settings).toEqual({ k: 2, m: 31, allocator: 'radix' });
    expect(factors.kind).toBe('sub-tables');
    if (factors.kind !== 'sub-tables') return;
    expect(factors.codes).toBeInstanceOf(Uint8Array);
    expect(factors.codes.length).toBe(300 * 2);
    expect(factors.widths).toEqual([12, 12]);
    expect(factorBytes(factors)).toBe(4 * 31 * 24 + 300 * 2);
    const allocation = await new RadixAllocator().allocate({
      numTokens: 300,
      numTables: 2,
      dim: 24,
      rows: 31,
    });
    expect(reconstructTable(factors).data).toEqual(
      reconstructTable(fitSubTables(table, allocation, allocation.widths)).data,
    );
  });

  it('takes a method name, and passes options, seed and (when required) the table as embeddings', async () => {
    const table = randomTable(50, 8, 2);
    const compressor = ksubTable('test-needs-embeddings', { flavour: 1 }, 'mine');
    expect(compressor.method).toBe('mine');
    const { method, settings } = await compressor.compress(table, { bytes: 600, seed: 9 });
    expect(method).toBe('mine');
    expect(settings.allocator).toBe('test-needs-embeddings');
    expect(seen).toHaveLength(1);
    const request = seen[0] as AllocationRequest;
    expect(request.embeddings).toBe(table);
    expect(request.options).toEqual({ flavour: 1 });
    expect(request.seed).toBe(9);
    expect(request.rows).toBe(settings.m);
  });

  it('passes no embeddings to an allocator that does not need them, and seed 1 by default', async () => {
    await ksubTable('test-grows').compress(randomTable(50, 8, 3), { bytes: 100_000 });
    expect(seen[0]?.embeddings).toBeUndefined();
    expect(seen[0]?.seed).toBe(1);
  });

  it('shrinks m and asks again when the allocator grows a table past the budget', async () => {
    const table = randomTable(300, 24, 4);
    // k = 2, m = ⌊(8000 − 600)/96⌋ = 77 first; the allocator's +40 rows overshoot, so m shrinks
    const { settings, factors } = await ksubTable('test-grows').compress(table, { bytes: 8000 });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]?.rows).toBe(77);
    expect(factorBytes(factors)).toBeLessThanOrEqual(8000);
    expect(settings.m).toBe((seen.at(-1)?.rows as number) + 40);
  });

  it('tries one more table when no smaller m of this k gives every token a code', async () => {
    // k = 2, m = ⌊(3600 − 300·2)/96⌋ = 31 first (31² ≥ 300); the last table grows by 3,100 rows, so
    // shrinking m cannot fit (it would need m < 18, where m² < 300): k = 3, m = ⌊(3600 − 900)/96⌋ = 28
    const table = randomTable(300, 24, 6);
    const { settings, factors } = await ksubTable('test-grows-with-few-tables').compress(table, {
      bytes: 3600,
    });
    expect(seen.map((r) => [r.numTables, r.rows])).toEqual([
      [2, 31],
      [3, 28],
    ]);
    expect(settings).toEqual({ k: 3, m: 28, allocator: 'test-grows-with-few-tables' });
    expect(factorBytes(factors)).toBe(4 * 28 * 24 + 300 * 3);
  });

  it('gives up with a RangeError naming bytes when shrinking cannot help', async () => {
    await expect(
      ksubTable('test-grows-a-lot').compress(randomTable(300, 24, 5), { bytes: 3600 }),
    ).rejects.toThrow(
      /^ksubTable\('test-grows-a-lot'\)\.compress: bytes = 3600 cannot hold the allocation: with k = \d+, m = \d+ the allocator gave rows/,
    );
  });

  it('rejects an unknown allocator at once, and budgets with no unique shape', async () => {
    expect(() => ksubTable('radx')).toThrow(RegistryError);
    await expect(ksubTable('radix').compress(randomTable(100, 4, 6), { bytes: 300 })).rejects.toThrow(
      new RangeError(
        "ksubTable('radix').compress: bytes = 300 holds no 2–4 sub-tables of ≥ 2 rows for 100 × 4 with a code per token",
      ),
    );
  });
});
