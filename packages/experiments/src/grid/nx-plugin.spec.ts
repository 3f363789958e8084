import { createRequire } from 'node:module';
import { join } from 'node:path';

interface Target {
  readonly cache: boolean;
  readonly outputs: readonly string[];
  readonly dependsOn: readonly string[];
}
type CreateNodes = (
  files: readonly string[],
) => [string, { projects: Record<string, { targets: Record<string, Target> }> }][];

// the workspace's Nx plugin (tools/, CommonJS), read as Nx reads it
const plugin = createRequire(__filename)('../../../../tools/nx-plugins/experiment-grid.js') as {
  createNodesV2: [string, CreateNodes];
};

describe('the experiment-grid Nx plugin', () => {
  const file = join(__dirname, '..', '..', 'grid', 'mini.json');
  const [[, { projects }]] = plugin.createNodesV2[1]([file]) as [
    [string, { projects: Record<string, { targets: Record<string, Target> }> }],
  ];
  const targets = Object.values(projects)[0]?.targets ?? {};

  it('makes one task per cell, depending on the build and the cells it reads, with its files as outputs', () => {
    const snapshot = targets['cell-mini-curve-snapshot-full-u2000'];
    expect(snapshot?.dependsOn).toEqual(['build', 'cell-mini-curve-pretrain-full']);
    expect(targets['cell-mini-pretrain-full']?.outputs).toEqual([
      '{workspaceRoot}/runs/mini/pretrain-full',
      '{workspaceRoot}/docs/results/mini/pretrain/full.metrics.jsonl',
      '{workspaceRoot}/docs/results/mini/models/full',
    ]);
  });

  it('caches every cell but the pretrainings that keep many checkpoints (the 8,000-update curve runs)', () => {
    const uncached = Object.entries(targets)
      .filter(([, t]) => !t.cache)
      .map(([name]) => name);
    expect(uncached).toEqual([
      'cell-mini-curve-pretrain-full',
      'cell-mini-curve-pretrain-radix-k3',
      'cell-mini-curve-pretrain-clustered-naive-m100',
    ]);
    expect(targets['cell-mini-pretrain-full']?.cache).toBe(true);
  });
});
