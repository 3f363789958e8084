import { rankForRatio } from '../direction/rank-for-ratio';
import { COMPRESSION_METHODS } from '../direction/compression-methods';
import type { Cell, CellOf } from './cell';
import { type FinetuneOf, taskFinetunes } from './model-chain';
import { finetuneCsv, type GridPaths, keptModel, modelOf, resultFile } from './paths';
import type { ExperimentPreset } from './presets';

/**
 * Seed 001's cells: per compression ratio and compressor (SVD, the two AutoEncoders) a `compress`
 * cell on the trained baseline, and at the fine-tuned ratio a fine-tuning per task. Appends them to
 * `cells` and returns the `table-direction` cell, which the grid lists after the other tables.
 *
 * @param baseline - the full model's fine-tuning cells and CSVs (the table's first row)
 */
export function addDirectionCells(
  cells: Cell[],
  preset: ExperimentPreset,
  paths: GridPaths,
  corpus: string,
  baseline: { readonly finetuneIds: readonly string[]; readonly csvs: readonly string[] },
): CellOf<'direction-table'> {
  const records: string[] = [];
  const labels: Record<string, string> = { full: 'full (uncompressed)' };
  const deps: string[] = [...baseline.finetuneIds];
  const csvs: string[] = [...baseline.csvs];
  const finetunes: readonly FinetuneOf[] = taskFinetunes(preset);
  const full = keptModel(paths, '', 'full');
  for (const ratio of preset.direction.ratios) {
    const rank = rankForRatio(preset.vocabSize, preset.hidden, ratio);
    for (const method of COMPRESSION_METHODS) {
      const id = `${method}-r${rank}`;
      const record = resultFile(paths, `direction/${id}.json`);
      const model = modelOf(`${paths.runs}/compress-${id}`);
      records.push(record);
      deps.push(`compress-${id}`);
      cells.push({
        id: `compress-${id}`,
        kind: 'compress',
        dependsOn: ['corpus', 'pretrain-full'],
        outputs: [model, record],
        args: {
          method,
          rank,
          ratio,
          model: full,
          corpus,
          // the baseline's pretraining seed and validation size: scored on its masked positions
          seed: 1,
          evalSequences: preset.pretrain.evalSequences,
          batchSize: preset.pretrain.batchSize,
          autoencoder: { epochs: preset.direction.epochs, batchSize: preset.direction.batchSize, seed: 1 },
          outModel: model,
          out: record,
        },
      });
      if (ratio !== preset.direction.finetuneRatio) continue;
      labels[id] = `${method} r=${rank}`;
      for (const f of finetunes) {
        const out = finetuneCsv(paths, '', id, f.name);
        csvs.push(out);
        deps.push(`finetune-${id}-${f.name}`);
        cells.push({
          id: `finetune-${id}-${f.name}`,
          kind: 'finetune',
          dependsOn: [`compress-${id}`],
          outputs: [out],
          args: f.args(model, id, out),
        });
      }
    }
  }
  return {
    id: 'table-direction',
    kind: 'direction-table',
    dependsOn: deps,
    outputs: ['table-direction.md', 'table-direction.csv', 'table-direction.svg'].map((f) =>
      resultFile(paths, f),
    ),
    args: { records, finetune: csvs, labels, finetuneRatio: preset.direction.finetuneRatio },
  };
}
