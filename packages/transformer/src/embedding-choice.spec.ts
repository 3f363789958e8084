import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWithSchema } from '@ksub/core';
import { getAllocator } from '@ksub/index-mapping';
import { saveAllocation } from '@ksub/index-mapping/node';
import { type EmbeddingChoice, EmbeddingChoiceSchema, embeddingChoice } from './embedding-choice';
import { resolveEmbedding } from './resolve-embedding';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ksub-choice-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const allocate = () => getAllocator('radix').allocate({ numTokens: 30, numTables: 2, dim: 8 });

describe('resolveEmbedding', () => {
  it('reads a k-sub allocation relative to dir, or from an absolute path', async () => {
    const allocation = await allocate();
    await saveAllocation(join(dir, 'a.ksub'), allocation);
    expect(await resolveEmbedding({ kind: 'ksub', allocationFile: 'a.ksub' }, dir)).toEqual({
      kind: 'ksub',
      allocation,
    });
    const absolute = await resolveEmbedding(
      { kind: 'ksub', allocationFile: join(dir, 'a.ksub') },
      '/nowhere',
    );
    expect(absolute).toEqual({ kind: 'ksub', allocation });
  });

  it('passes full and factorized through, bias false unless set', async () => {
    expect(await resolveEmbedding({ kind: 'full' }, dir)).toEqual({ kind: 'full' });
    expect(await resolveEmbedding({ kind: 'factorized', rank: 4 }, dir)).toEqual({
      kind: 'factorized',
      rank: 4,
      bias: false,
    });
    expect(await resolveEmbedding({ kind: 'factorized', rank: 4, bias: true }, dir)).toEqual({
      kind: 'factorized',
      rank: 4,
      bias: true,
    });
  });

  it('names a missing allocation file and an unknown kind', async () => {
    await expect(resolveEmbedding({ kind: 'ksub', allocationFile: 'none.ksub' }, dir)).rejects.toThrow(
      join(dir, 'none.ksub'),
    );
    await expect(resolveEmbedding({ kind: 'huge' } as never, dir)).rejects.toThrow(
      'resolveEmbedding: choice.kind must be full, ksub or factorized; got "huge"',
    );
  });
});

describe('embeddingChoice', () => {
  it('is the inverse of resolveEmbedding once the allocation is written where it says', async () => {
    const allocation = await allocate();
    const specs = [
      { kind: 'full' },
      { kind: 'ksub', allocation },
      { kind: 'factorized', rank: 3, bias: false },
    ] as const;
    for (const spec of specs) {
      const choice = embeddingChoice(spec, 'b.ksub');
      if (choice.kind === 'ksub') await saveAllocation(join(dir, choice.allocationFile), allocation);
      expect(await resolveEmbedding(choice, dir)).toEqual(spec);
    }
    expect(embeddingChoice({ kind: 'factorized', rank: 3 }, 'x')).toEqual({
      kind: 'factorized',
      rank: 3,
      bias: false,
    });
  });
});

describe('EmbeddingChoiceSchema', () => {
  const parse = (value: unknown): EmbeddingChoice => parseWithSchema('choice', EmbeddingChoiceSchema, value);

  it('accepts every kind and rejects unknown keys, kinds and bad values, naming them', () => {
    expect(parse({ kind: 'factorized', rank: 2, bias: true })).toEqual({
      kind: 'factorized',
      rank: 2,
      bias: true,
    });
    expect(() => parse({ kind: 'factorized', rank: 2, rnk: 3 })).toThrow('choice: unknown key "rnk"');
    expect(() => parse({ kind: 'factorized', rank: 1.5 })).toThrow(/choice: rank: .*; got 1\.5/);
    expect(() => parse({ kind: 'ksub' })).toThrow(/choice: allocationFile: /);
    expect(() => parse({ kind: 'huge' })).toThrow(/choice: kind: Invalid discriminator value/);
  });
});
