import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allGrids, buildGrid } from './build-grid';
import { gridJson } from './grid-json';
import { EXPERIMENT_PRESETS } from './presets';

describe('experiment grids', () => {
  it('are committed as generated (rebuild: nx run experiments:grid)', () => {
    for (const grid of allGrids())
      expect(readFileSync(join(__dirname, '../../grid', `${grid.preset}.json`), 'utf8')).toBe(gridJson(grid));
  });

  it('have unique ids, known dependencies and no cycles; outputs never overlap', () => {
    for (const grid of allGrids()) {
      const ids = grid.cells.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      const seen = new Set<string>();
      for (const c of grid.cells) {
        for (const d of c.dependsOn) expect(seen.has(d)).toBe(true); // listed after what it needs: acyclic
        seen.add(c.id);
      }
      const outputs = grid.cells.flatMap((c) => c.outputs);
      expect(new Set(outputs).size).toBe(outputs.length);
    }
  });

  it('mini: Table 2 is 6 pretraining runs (full, k = 2, 3, 4, 6, 8), Table 3 adds 5 clustered ones; 3 tasks each', () => {
    const grid = buildGrid(EXPERIMENT_PRESETS.mini);
    expect(grid.cells.filter((c) => c.kind === 'pretrain').map((c) => c.id)).toEqual([
      'pretrain-full',
      'pretrain-radix-k2',
      'pretrain-radix-k3',
      'pretrain-radix-k4',
      'pretrain-radix-k6',
      'pretrain-radix-k8',
      'pretrain-clustered-naive-m100',
      'pretrain-clustered-naive-m200',
      'pretrain-clustered-equal-m50',
      'pretrain-clustered-equal-m100',
      'pretrain-glove-equal-m100',
    ]);
    expect(grid.cells.filter((c) => c.kind === 'finetune')).toHaveLength(11 * 3);
    // clustering on the trained baseline waits for it; the GloVe variant does not
    expect(grid.cells.find((c) => c.id === 'allocate-clustered-naive-m100')?.dependsOn).toEqual([
      'pretrain-full',
    ]);
    expect(grid.cells.find((c) => c.id === 'allocate-glove-equal-m100')?.dependsOn).toEqual([]);
    expect(grid.cells.find((c) => c.id === 'table3')?.dependsOn).toHaveLength(7 * 3);
  });
});
