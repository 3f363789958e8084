import {
  assert,
  assertInteger,
  codeArrayFor,
  describe,
  type EmbeddingMatrix,
  type SubTableFactors,
  validateMatrix,
} from '@ksub/core';

/**
 * Which row of each sub-table every token uses: the part of an `Allocation` that
 * {@link fitSubTables} reads (an allocation itself will do).
 */
export interface SubTableAssignment {
  /** k, the number of sub-tables. */
  readonly numTables: number;
  /** Rows of each sub-table (M_j), length k. */
  readonly rows: readonly number[];
  /** N·k row indices, token-major: `codes[i·k + j]` is token i's row in sub-table j. */
  readonly codes: ArrayLike<number>;
}

/**
 * Fits the sub-tables of a post-hoc k-sub-embedding to a trained table, given the codes: with the
 * codes fixed, the squared error ‖Ê − E‖²_F splits into one independent least-squares problem per
 * sub-table row, whose optimum is the mean of the column-block-j sub-vectors of the tokens assigned
 * to it. A row that no token uses gets 0 (it does not affect the reconstruction). Sums run in
 * float64; the codes come out in the smallest code array (`codeArrayFor` of the largest M_j).
 *
 * @param table - the trained N × d table
 * @param assignment - k, rows per sub-table and the N·k codes (e.g. an allocator's `Allocation`)
 * @param widths - the columns of each sub-table, length k, summing to d (e.g. `splitWidth(d, k)`)
 * @returns sub-table factors that reconstruct the table with the least squared error the codes allow
 * @throws TypeError for a malformed table or assignment; RangeError naming the argument and value
 *   for widths that do not sum to d, more than 65,536 rows, wrong code count or a code out of range
 * @example
 * ```ts
 * // tokens 0 and 1 share row 0: it becomes their mean
 * fitSubTables(createEmbeddingMatrix(3, 2, Float32Array.of(1, 2, 3, 4, 5, 6)),
 *   { numTables: 1, rows: [2], codes: [0, 0, 1] }, [2]).tables[0]; // [2, 3, 5, 6]
 * ```
 */
export function fitSubTables(
  table: EmbeddingMatrix,
  assignment: SubTableAssignment,
  widths: readonly number[],
): SubTableFactors {
  const fn = 'fitSubTables';
  validateMatrix(fn, 'table', table);
  const { rows: n, cols: d, data } = table;
  assert(
    typeof assignment === 'object' && assignment !== null,
    () => `${fn}: assignment must be an object { numTables, rows, codes }; got ${describe(assignment)}`,
    TypeError,
  );
  const { numTables: k, rows: sizes, codes } = assignment;
  assertInteger(fn, 'assignment.numTables', k, { min: 1, max: d });
  assert(
    Array.isArray(sizes) && sizes.length === k,
    () => `${fn}: assignment.rows must be an array of ${k} row counts; got ${describe(sizes)}`,
    TypeError,
  );
  sizes.forEach((m, j) => assertInteger(fn, `assignment.rows[${j}]`, m, { min: 1, max: 65_536 }));
  assert(
    Array.isArray(widths) && widths.length === k,
    () => `${fn}: widths must be an array of ${k} widths; got ${describe(widths)}`,
    TypeError,
  );
  widths.forEach((w, j) => assertInteger(fn, `widths[${j}]`, w, { min: 1 }));
  const sum = widths.reduce((s, w) => s + w, 0);
  assert(
    sum === d,
    () => `${fn}: widths must sum to d = ${d}; got ${describe(widths)} (sum ${sum})`,
    RangeError,
  );
  assert(
    codes !== null && typeof codes === 'object' && typeof codes.length === 'number',
    () => `${fn}: assignment.codes must be an array of codes; got ${describe(codes)}`,
    TypeError,
  );
  assert(
    codes.length === n * k,
    () => `${fn}: assignment.codes must hold N·k = ${n * k} codes; got ${codes.length}`,
    RangeError,
  );

  const out = codeArrayFor(Math.max(...sizes), n * k);
  const sums = sizes.map((m, j) => new Float64Array(m * (widths[j] as number)));
  const counts = sizes.map((m) => new Uint32Array(m));
  for (let i = 0; i < n; i++) {
    let offset = i * d;
    for (let j = 0; j < k; j++) {
      const code = codes[i * k + j] as number;
      const m = sizes[j] as number;
      if (!(Number.isInteger(code) && code >= 0 && code < m))
        throw new RangeError(
          `${fn}: assignment.codes for token ${i}, sub-table ${j} must be an integer in [0, ${m}); got ${describe(code)}`,
        );
      out[i * k + j] = code;
      const w = widths[j] as number;
      const acc = sums[j] as Float64Array;
      const count = counts[j] as Uint32Array;
      count[code] = (count[code] as number) + 1;
      for (let c = 0, base = code * w; c < w; c++)
        acc[base + c] = (acc[base + c] as number) + (data[offset + c] as number);
      offset += w;
    }
  }
  const tables = sums.map((acc, j) => {
    const w = widths[j] as number;
    const count = counts[j] as Uint32Array;
    const fitted = new Float32Array(acc.length);
    for (let r = 0; r < count.length; r++) {
      const used = count[r] as number;
      if (used === 0) continue; // a row no token uses stays 0
      for (let c = r * w; c < (r + 1) * w; c++) fitted[c] = (acc[c] as number) / used;
    }
    return fitted;
  });
  return { kind: 'sub-tables', rows: n, k, widths: [...widths], sizes: [...sizes], tables, codes: out };
}
