import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Allocation } from '@ksub/core';
import { loadAllocation } from '@ksub/index-mapping/node';
import { ALLOCATION_FILE } from '@ksub/transformer';
import { readSavedModelConfig } from '@ksub/transformer/node';

/** A model's embedding parameters as stored, and how many table rows any token uses. */
export interface EmbeddingCount {
  /** Parameters of the embedding tables as allocated (Σ rows_j · width_j; N·d for a full table). */
  readonly params: number;
  /** Rows allocated over all tables. */
  readonly rowsAllocated: number;
  /** Rows referenced by at least one token (the rest never receive a gradient). */
  readonly rowsUsed: number;
  /** Rows allocated and used per table (k-sub only). */
  readonly perTable?: readonly { readonly allocated: number; readonly used: number }[];
}

/**
 * Counts an allocation's rows: allocated, and used by at least one token, per table.
 *
 * @example
 * ```ts
 * allocationCount(allocation).perTable; // [{ allocated: 100, used: 100 }, …, { allocated: 103, used: 6 }]
 * ```
 */
export function allocationCount(allocation: Allocation): EmbeddingCount {
  const { numTokens, numTables, rows, widths, codes } = allocation;
  const perTable = rows.map((allocated, j) => {
    const seen = new Uint8Array(allocated);
    let used = 0;
    for (let n = 0; n < numTokens; n++) {
      const r = codes[n * numTables + j] as number;
      if (seen[r] === 0) {
        seen[r] = 1;
        used++;
      }
    }
    return { allocated, used };
  });
  return {
    params: rows.reduce((sum, m, j) => sum + m * (widths[j] as number), 0),
    rowsAllocated: perTable.reduce((s, t) => s + t.allocated, 0),
    rowsUsed: perTable.reduce((s, t) => s + t.used, 0),
    perTable,
  };
}

/**
 * A saved model's embedding count, read from what it stores: its allocation file for k-sub, its
 * config's vocabulary × hidden size for a full table. Undefined when the directory holds no model.
 */
export async function savedModelCount(dir: string): Promise<EmbeddingCount | undefined> {
  if (!existsSync(dir)) return undefined;
  const saved = await readSavedModelConfig(dir);
  if (saved.embedding.kind === 'ksub')
    return allocationCount(await loadAllocation(join(dir, ALLOCATION_FILE)));
  if (saved.embedding.kind === 'full') {
    const { vocabSize, hidden } = saved.config as { vocabSize: number; hidden: number };
    return { params: vocabSize * hidden, rowsAllocated: vocabSize, rowsUsed: vocabSize };
  }
  return undefined;
}
