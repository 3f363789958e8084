import {
  assert,
  describe,
  factorBytes,
  type SubTableFactors,
  subTableShape,
  type TableCompressor,
} from '@ksub/core';
import { type AllocationRequest, getAllocator, splitWidth } from '@ksub/index-mapping';
import { fitSubTables } from './fit-sub-tables';
import { checkTableInput } from './table-input';

/**
 * Allocations {@link ksubTable} tries when an allocator grows a table past the budget (fewer rows,
 * then one more table).
 */
const MAX_ATTEMPTS = 12;

/**
 * Post-hoc k-sub-embedding as a {@link TableCompressor} (method `ksub-<allocator>` unless named):
 * the shape (k sub-tables of m rows) from `subTableShape(N, d, bytes, { unique: true, prefer:
 * 'fewest-tables' })` — the fewest tables that give every token a code of its own, then the most
 * rows (more tables would mostly stay unused: a k-sub allocation uses about N^(1/k) rows of each) — widths from
 * `splitWidth(d, k)`, the codes from the registered allocator (given the table as its
 * `embeddings` when it requires them, e.g. `clustered` from `@ksub/clustering`, which registers
 * itself on import), then each sub-table row fitted to the mean of its tokens' sub-vectors
 * ({@link fitSubTables}). An allocator that grows a table (clustered: the last level) can exceed
 * the budget; then m shrinks by the overshoot and the allocation is redone, and where no smaller m
 * still gives every token a code of its own, the next shape with one more table is tried (naive
 * clustering's last level shrinks fast with more tables), a few times at most.
 * Settings: `{ k, m, allocator }`, m the largest sub-table.
 *
 * @param allocator - a registered allocator name (`radix`, `scattered`, `clustered` …)
 * @param allocatorOptions - its method options (e.g. `{ variant: 'equal' }`), passed in every request
 * @param name - the method name (default `ksub-<allocator>`)
 * @throws RegistryError naming an unknown allocator; `compress` rejects with a RangeError naming
 *   `bytes` when no shape with unique codes fits
 * @example
 * ```ts
 * const { factors, settings } = await ksubTable('radix').compress(table, { bytes: 4 * table.rows * table.cols / 10 });
 * settings; // e.g. { k: 8, m: 12, allocator: 'radix' }
 * ```
 */
export function ksubTable(
  allocator: string,
  allocatorOptions?: Readonly<Record<string, unknown>>,
  name?: string,
): TableCompressor {
  const requiresEmbeddings = getAllocator(allocator).requiresEmbeddings; // fails fast on a typo
  const method = name ?? `ksub-${allocator}`;
  const fn = `ksubTable('${allocator}').compress`;
  return Object.freeze({
    method,
    async compress(table, budget) {
      const seed = checkTableInput(fn, table, budget);
      const { rows: n, cols: d } = table;
      const { bytes } = budget;
      const shapeFor = (minK?: number) =>
        subTableShape(n, d, bytes, {
          unique: true,
          prefer: 'fewest-tables',
          caller: fn,
          ...(minK === undefined ? {} : { minK }),
        });
      let { k, m } = shapeFor();
      for (let attempt = 1; ; attempt++) {
        const widths = splitWidth(d, k);
        const request: AllocationRequest = {
          numTokens: n,
          numTables: k,
          dim: d,
          seed,
          rows: m,
          widths,
          ...(allocatorOptions === undefined ? {} : { options: allocatorOptions }),
          ...(requiresEmbeddings ? { embeddings: table } : {}),
        };
        const allocation = await getAllocator(allocator).allocate(request);
        const factors: SubTableFactors = fitSubTables(table, allocation, allocation.widths);
        const used = factorBytes(factors);
        if (used <= bytes)
          return { method, settings: { k, m: Math.max(...factors.sizes), allocator }, factors };
        const failure = () =>
          `${fn}: bytes = ${bytes} cannot hold the allocation: with k = ${k}, m = ${m} the allocator gave rows ${describe(allocation.rows)}, ${used} bytes`;
        assert(attempt < MAX_ATTEMPTS, failure, RangeError);
        const next = m - Math.max(1, Math.ceil((used - bytes) / (4 * d)));
        if (next >= 2 && next ** k >= n) {
          m = next;
          continue;
        }
        // No smaller m of this k gives every token its own code: one more table (subTableShape
        // throws past its largest k or when none fits the budget).
        try {
          ({ k, m } = shapeFor(k + 1));
        } catch {
          throw new RangeError(failure());
        }
      }
    },
  } satisfies TableCompressor);
}
