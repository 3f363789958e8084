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

  it('mini: Table 2 is 6 pretraining runs (full, k = 2, 3, 4, 6, 8) × 3 tasks', () => {
    const grid = buildGrid(EXPERIMENT_PRESETS.mini);
    expect(grid.cells.filter((c) => c.kind === 'pretrain').map((c) => c.id)).toEqual([
      'pretrain-full',
      'pretrain-radix-k2',
      'pretrain-radix-k3',
      'pretrain-radix-k4',
      'pretrain-radix-k6',
      'pretrain-radix-k8',
    ]);
    expect(grid.cells.filter((c) => c.kind === 'finetune')).toHaveLength(18);
    expect(grid.cells.at(-1)?.dependsOn).toHaveLength(18);
  });
});
