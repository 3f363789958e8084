import type { Cell, Grid } from './cell';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from './presets';

/** Embedding variants of Table 2: the full baseline and Algorithm 1 ("random") for each k. */
export function table2Variants(preset: ExperimentPreset): { id: string; k: number | null }[] {
  return [{ id: 'full', k: null }, ...preset.ks.map((k) => ({ id: `radix-k${k}`, k }))];
}

/**
 * The cells of a preset's grid (Table 2 so far): pack the corpus; an Algorithm 1 allocation per k;
 * a pretraining run per variant; a fine-tuning run per variant and task; the table. Paths are under
 * `runs/<preset>/` and `docs/results/<preset>/`.
 */
export function buildGrid(preset: ExperimentPreset): Grid {
  const root = `runs/${preset.name}`;
  // where `nx run corpus:prepare` puts the same corpus, so a corpus prepared by hand is reused
  const corpusDir = `data/${preset.corpus}-roberta-gpt2${preset.maxLength === 128 ? '' : `-${preset.maxLength}`}`;
  const cells: Cell[] = [
    {
      id: 'corpus',
      kind: 'corpus',
      dependsOn: [],
      outputs: [corpusDir],
      args: {
        corpus: preset.corpus,
        tokenizer: 'roberta-gpt2',
        maxLength: preset.maxLength,
        out: corpusDir,
      },
    },
  ];
  const finetunes: string[] = [];
  for (const variant of table2Variants(preset)) {
    const pretrainDeps = ['corpus'];
    let embedding: Record<string, unknown> = { kind: 'full' };
    if (variant.k !== null) {
      const file = `${root}/alloc-${variant.id}.alloc`;
      cells.push({
        id: `allocate-${variant.id}`,
        kind: 'allocate',
        dependsOn: [],
        outputs: [file],
        args: { method: 'radix', k: variant.k, dim: preset.hidden, out: file },
      });
      pretrainDeps.push(`allocate-${variant.id}`);
      embedding = { kind: 'ksub', allocationFile: file };
    }
    const outDir = `${root}/pretrain-${variant.id}`;
    cells.push({
      id: `pretrain-${variant.id}`,
      kind: 'pretrain',
      dependsOn: pretrainDeps,
      outputs: [outDir],
      args: { model: preset.model, embedding, corpus: corpusDir, outDir, seed: 1, ...preset.pretrain },
    });
    for (const task of preset.finetune.tasks) {
      const id = `finetune-${variant.id}-${task}`;
      finetunes.push(id);
      cells.push({
        id,
        kind: 'finetune',
        dependsOn: [`pretrain-${variant.id}`],
        outputs: [`${root}/finetune/${variant.id}-${task}.csv`],
        args: {
          task,
          model: `${outDir}/model`,
          label: variant.id,
          ...preset.finetune,
          tasks: undefined,
          out: `${root}/finetune/${variant.id}-${task}.csv`,
        },
      });
    }
  }
  cells.push({
    id: 'table2',
    kind: 'table',
    dependsOn: finetunes,
    outputs: [`docs/results/${preset.name}/table2.md`, `docs/results/${preset.name}/table2.csv`],
    args: {
      table: 'table2',
      inputs: finetunes.map((id) => (cells.find((c) => c.id === id) as Cell).outputs[0]),
      variants: table2Variants(preset).map((v) => v.id),
    },
  });
  return { preset: preset.name, description: preset.description, cells };
}

/** Every preset's grid, by name. */
export function allGrids(): Grid[] {
  return Object.values(EXPERIMENT_PRESETS).map(buildGrid);
}
