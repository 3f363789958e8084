/**
 * One cell of the experiment grid: a unit of work Nx runs as its own cacheable task
 * (`experiments:cell-<preset>-<id>`), with the cells it needs and the files it writes.
 */
export interface Cell {
  /** Unique within a preset, kebab-case: `pretrain-radix-k3`, `finetune-full-uci-sentiment`. */
  readonly id: string;
  readonly kind:
    | 'corpus'
    | 'allocate'
    | 'pretrain'
    | 'finetune'
    | 'compress'
    | 'table'
    | 'direction-table'
    | 'table4'
    | 'figure';
  /** Ids of the cells whose outputs this one reads. */
  readonly dependsOn: readonly string[];
  /** Paths (from the workspace root) this cell writes; Nx caches and restores them. */
  readonly outputs: readonly string[];
  /** The cell's settings, read by `experiments:cell` (kind-specific). */
  readonly args: Readonly<Record<string, unknown>>;
}

/** A preset's whole grid, as written to `packages/experiments/grid/<preset>.json`. */
export interface Grid {
  readonly preset: string;
  readonly description: string;
  readonly cells: readonly Cell[];
}
