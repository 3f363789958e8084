import type { Allocation, EmbeddingMatrix } from '@ksub/core';

/**
 * What an allocator is asked for. Every allocator reads N, k and d; the rest is optional and
 * each allocator documents which fields it uses.
 */
export interface AllocationRequest {
  /** N, the vocabulary size (≥ 1). */
  readonly numTokens: number;
  /** k, the number of sub-embedding tables (1 ≤ k ≤ d). */
  readonly numTables: number;
  /** d, the embedding size; split over the tables with `splitWidth` unless `widths` is given. */
  readonly dim: number;
  /** Seed for random methods, an unsigned 32-bit integer (default 0). */
  readonly seed?: number;
  /**
   * Rows per table: one number for all tables or one per table. Default: the fewest that keep
   * tokens unique (`minimalRows`). Rejected when their product cannot cover the tokens.
   */
  readonly rows?: number | readonly number[];
  /** Explicit table widths (length k, summing to d); default `splitWidth(d, k)`. */
  readonly widths?: readonly number[];
  /**
   * Token ids (e.g. `<s> <pad> </s> <unk> <mask>`) that get rows of their own in every table,
   * shared with no other token. The paper suspects shared rows for special tokens hurt the
   * random variant; this option removes that sharing.
   */
  readonly specialTokens?: readonly number[];
  /** A pretrained N × D embedding matrix, for allocators that cluster (Algorithm 2). */
  readonly embeddings?: EmbeddingMatrix;
  /** Method-specific options, documented by each allocator; keys it does not read are rejected. */
  readonly options?: Readonly<Record<string, unknown>>;
  /**
   * Called as a long allocation advances (clustering allocators report tokens clustered so far
   * out of the total); fast allocators may never call it. For progress bars; must not throw.
   */
  readonly onProgress?: (progress: AllocationProgress) => void;
}

/** What {@link AllocationRequest.onProgress} receives. */
export interface AllocationProgress {
  /** Work done so far, in `unit`s (non-decreasing over one allocation). */
  readonly done: number;
  /** Total work of the allocation, in `unit`s; `done` reaches it at the end. */
  readonly total: number;
  /** What is counted, e.g. `tokens`. */
  readonly unit: string;
}

/**
 * The allocator seam: anything that turns a request into an {@link Allocation}. Implementations
 * must give every token a distinct k-tuple (requirement 1), stay within their declared rows, be
 * deterministic for a fixed seed, and reject bad requests with errors naming the argument.
 * `describeAllocatorConformance` in `@ksub/index-mapping/testing` checks all of that.
 *
 * @example
 * ```ts
 * const allocation = await getAllocator('radix').allocate({ numTokens: 50265, numTables: 3, dim: 512 });
 * ```
 */
export interface Allocator {
  /** Registry name, also stored as the allocation's `method`. */
  readonly name: string;
  /** Whether the result depends on `seed` (the conformance suite then checks seed sensitivity). */
  readonly randomized: boolean;
  /** Whether `request.embeddings` is required (clustering allocators). */
  readonly requiresEmbeddings: boolean;
  /**
   * Keys of `request.options` this allocator reads (default none). Any other key is rejected by
   * `normalizeRequest`, so an option meant for another method (`variant` given to `radix`) is an
   * error, not silently ignored.
   */
  readonly optionKeys?: readonly string[];
  /** Builds the allocation. Rejects (never resolves to) an invalid allocation. */
  allocate(request: AllocationRequest): Promise<Allocation>;
}

/** Makes a fresh allocator; what the registry stores. */
export type AllocatorFactory = () => Allocator;
