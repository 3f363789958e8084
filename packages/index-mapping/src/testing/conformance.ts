import { describe, expect, it } from '@jest/globals';
import { type Allocation, createEmbeddingMatrix, Rng } from '@ksub/core';
import type { AllocationRequest, Allocator, AllocatorFactory } from '../allocator';
import { countCollisions } from '../measures';

/** Options of {@link describeAllocatorConformance}. */
export interface ConformanceOptions {
  /** Method options passed in every request (e.g. `{ variant: 'equal' }`). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Extra request fields merged into every request (e.g. `rows` for a clustering method). */
  readonly request?: Partial<AllocationRequest>;
  /**
   * How the allocator treats explicit `rows`. `cover` (default, Algorithm 1): rows are per table and
   * their product must cover the tokens, else the request is rejected. `grow` (Algorithm 2): `rows`
   * is one number M and the last table grows until every token is unique.
   */
  readonly rows?: 'cover' | 'grow';
}

/** Seeded Gaussian-blob embeddings, so clustering allocators have structure to find. */
function syntheticEmbeddings(numTokens: number, dim: number, seed: number) {
  const rng = Rng.fromSeed(seed);
  const centres = Array.from({ length: 8 }, () => Array.from({ length: dim }, () => rng.nextNormal() * 3));
  const data = new Float32Array(numTokens * dim);
  for (let t = 0; t < numTokens; t++) {
    const c = centres[rng.nextInt(centres.length)] as number[];
    for (let i = 0; i < dim; i++) data[t * dim + i] = (c[i] as number) + rng.nextNormal();
  }
  return createEmbeddingMatrix(numTokens, dim, data);
}

/**
 * The shared conformance suite of the allocator seam (the tfjs backend-test pattern): every
 * allocator, built-in or a user's, runs it from its own spec file. It checks codes in range,
 * requirement 1 (uniqueness) on several vocabulary shapes, special tokens getting rows of their
 * own, determinism for a fixed seed, seed sensitivity for random methods, explicit rows honoured,
 * and bad requests rejected with messages that name the argument and its value.
 *
 * @param name - label of the suite (usually the registry name)
 * @param factory - makes the allocator under test
 * @param conformance - request fields and method options the allocator needs
 * @example
 * ```ts
 * import { describeAllocatorConformance } from '@ksub/index-mapping/testing';
 * describeAllocatorConformance('my-method', () => new MyAllocator());
 * ```
 */
export function describeAllocatorConformance(
  name: string,
  factory: AllocatorFactory,
  conformance: ConformanceOptions = {},
): void {
  const make = (): Allocator => factory();
  const request = (fields: AllocationRequest): AllocationRequest => {
    const allocator = make();
    return {
      ...conformance.request,
      ...fields,
      ...(conformance.options === undefined ? {} : { options: conformance.options }),
      ...(allocator.requiresEmbeddings && fields.embeddings === undefined
        ? { embeddings: syntheticEmbeddings(fields.numTokens, 16, 99) }
        : {}),
    };
  };
  const codesOf = (a: Allocation) => Array.from(a.codes);

  describe(`allocator conformance: ${name}`, () => {
    it('has a kebab-case name and declares its needs', () => {
      const allocator = make();
      expect(allocator.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(typeof allocator.randomized).toBe('boolean');
      expect(typeof allocator.requiresEmbeddings).toBe('boolean');
    });

    it.each([
      [1, 1, 4],
      [2, 2, 4],
      [97, 2, 8],
      [1000, 3, 12],
      [1331, 3, 9], // 11³: a perfect power
      [4096, 4, 16],
      [5000, 8, 16],
    ])('gives N = %i tokens unique in-range codes with k = %i, d = %i', async (numTokens, numTables, dim) => {
      const a = await make().allocate(request({ numTokens, numTables, dim, seed: 1 }));
      expect(a.numTokens).toBe(numTokens);
      expect(a.numTables).toBe(numTables);
      expect(a.method).toBe(make().name);
      expect(a.codes).toBeInstanceOf(Int32Array);
      expect(a.codes.length).toBe(numTokens * numTables);
      expect(a.widths.reduce((x, y) => x + y, 0)).toBe(dim);
      for (let i = 0; i < a.codes.length; i++) {
        const code = a.codes[i] as number;
        const limit = a.rows[i % numTables] as number;
        if (code < 0 || code >= limit) throw new Error(`code ${code} at ${i} is outside [0, ${limit})`);
      }
      expect(countCollisions(a)).toBe(0);
    });

    it('rejects an option it does not read, naming it (nothing is ignored silently)', async () => {
      const allocator = make();
      const unknown = '__not-an-option__';
      expect(allocator.optionKeys ?? []).not.toContain(unknown);
      await expect(
        allocator.allocate({
          ...request({ numTokens: 10, numTables: 2, dim: 4, seed: 1 }),
          options: { [unknown]: 1 },
        }),
      ).rejects.toThrow(`options.${unknown} is not an option of this allocator`);
    });

    it('gives special tokens rows that no other token uses', async () => {
      const specials = [0, 1, 2, 3, 50];
      const a = await make().allocate(
        request({ numTokens: 300, numTables: 3, dim: 9, seed: 1, specialTokens: specials }),
      );
      expect(countCollisions(a)).toBe(0);
      for (let j = 0; j < 3; j++) {
        const owners = new Map<number, number>();
        for (let t = 0; t < 300; t++) {
          const code = a.codes[t * 3 + j] as number;
          owners.set(code, (owners.get(code) ?? 0) + 1);
        }
        for (const s of specials) expect(owners.get(a.codes[s * 3 + j] as number)).toBe(1);
      }
    });

    it('is deterministic for a fixed seed', async () => {
      const r = request({ numTokens: 777, numTables: 3, dim: 12, seed: 42 });
      expect(codesOf(await make().allocate(r))).toEqual(codesOf(await make().allocate(r)));
    });

    it('depends on the seed exactly when it declares itself randomized', async () => {
      const a = await make().allocate(request({ numTokens: 777, numTables: 3, dim: 12, seed: 1 }));
      const b = await make().allocate(request({ numTokens: 777, numTables: 3, dim: 12, seed: 2 }));
      if (make().randomized) {
        expect(codesOf(a)).not.toEqual(codesOf(b));
      } else {
        expect(codesOf(a)).toEqual(codesOf(b));
      }
    });

    it.each([
      [{ numTokens: 0 }, 'numTokens must be an integer >= 1; got 0'],
      [{ numTokens: -5 }, 'numTokens must be an integer >= 1; got -5'],
      [{ numTokens: 10.5 }, 'numTokens must be an integer >= 1; got 10.5'],
      [{ numTokens: Number.NaN }, 'numTokens must be an integer >= 1; got NaN'],
      [{ numTables: 0 }, 'numTables must be an integer >= 1; got 0'],
      [{ numTables: 2.5 }, 'numTables must be an integer >= 1; got 2.5'],
      [{ numTables: 9 }, 'numTables must be <= dim = 8; got 9'],
      [{ dim: Number.NaN }, 'dim must be an integer >= 1; got NaN'],
      [{ seed: -1 }, 'seed must be an integer in [0, 4294967295]; got -1'],
      [{ rows: 0 }, 'rows must be an integer >= 1; got 0'],
      [{ widths: [4, 3] }, 'widths must sum to dim = 8; got [4, 3] (sum 7)'],
      [{ specialTokens: [100] }, 'specialTokens[0] must be an integer in [0, 99]; got 100'],
    ] as Array<[Partial<AllocationRequest>, string]>)(
      'rejects %p naming the argument',
      async (patch, message) => {
        const base = { numTokens: 100, numTables: 2, dim: 8, seed: 1 };
        const fields = { ...base, ...patch } as AllocationRequest;
        const allocator = make();
        // Bad N cannot build synthetic embeddings; the allocator must reject before needing them.
        const req =
          allocator.requiresEmbeddings && !(Number.isSafeInteger(fields.numTokens) && fields.numTokens > 0)
            ? { ...conformance.request, ...fields, options: conformance.options }
            : request(fields);
        await expect(allocator.allocate(req)).rejects.toThrow(message);
      },
    );

    if ((conformance.rows ?? 'cover') === 'cover') {
      it('honours explicit rows that cover the vocabulary, and rejects rows that cannot', async () => {
        const a = await make().allocate(
          request({ numTokens: 100, numTables: 2, dim: 8, seed: 1, rows: [10, 12] }),
        );
        expect(a.rows).toEqual([10, 12]);
        expect(countCollisions(a)).toBe(0);
        await expect(
          make().allocate(request({ numTokens: 100, numTables: 2, dim: 8, seed: 1, rows: [3, 3] })),
        ).rejects.toThrow('rows must give at least 100 distinct tuples');
      });
    } else {
      it('keeps every token unique with a small M by growing the last table', async () => {
        const a = await make().allocate(request({ numTokens: 100, numTables: 2, dim: 8, seed: 1, rows: 3 }));
        expect(a.rows[0]).toBe(3);
        expect(a.rows[1]).toBeGreaterThanOrEqual(Math.ceil(100 / 3));
        expect(countCollisions(a)).toBe(0);
      });
    }
  });
}
