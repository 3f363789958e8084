import { assertInteger } from '@ksub/core';

/** True when m^k ≥ n, computed without overflow by stopping as soon as the product reaches n. */
function powerReaches(m: number, k: number, n: number): boolean {
  let product = 1;
  for (let i = 0; i < k; i++) {
    product *= m;
    if (product >= n) return true;
  }
  return product >= n;
}

/**
 * The smallest integer M with M^k ≥ N: the fewest rows per table that still give every one of N
 * tokens its own k-tuple (Algorithm 1's table size). Exact in integer arithmetic; the common
 * `Math.ceil(N ** (1 / k))` is off by one for perfect powers (N = 100000, k = 5 gives 11, not 10).
 *
 * @param numTokens - N, the vocabulary size, ≥ 1
 * @param numTables - k, the number of tables, ≥ 1
 * @throws RangeError or TypeError when either argument is not a positive safe integer
 * @example
 * ```ts
 * minimalRows(50265, 3); // 37, since 36³ = 46656 < 50265 ≤ 37³ = 50653
 * minimalRows(100000, 5); // 10
 * ```
 */
export function minimalRows(numTokens: number, numTables: number): number {
  assertInteger('minimalRows', 'N', numTokens, { min: 1 });
  assertInteger('minimalRows', 'k', numTables, { min: 1 });
  // Floating-point guess, then correct it in exact integer steps either way.
  let m = Math.max(1, Math.floor(numTokens ** (1 / numTables)));
  while (m > 1 && powerReaches(m - 1, numTables, numTokens)) m--;
  while (!powerReaches(m, numTables, numTokens)) m++;
  return m;
}
