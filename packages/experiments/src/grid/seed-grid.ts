import type { CellArgsInput } from '../cells/cell-kinds';
import type { Cell, CellOf } from './cell';
import type { ChainSpec } from './model-chain';
import { finetuneCsv, keptModel, metricsFile, mlmPositionsFile, pretrainDir, scratchModel } from './paths';
import type { ExperimentPreset } from './presets';
import { checkPretrainSeeds, seedLabel } from './seed-settings';

/** What the table cells read of one variant's pretraining seeds. */
export interface SeedChains {
  /** The cells a table waits for: each seed's MLM positions and fine-tunings. */
  readonly ids: readonly string[];
  /** The `table` cell's `pretrainSeeds` entries, seed order. */
  readonly seeds: NonNullable<CellArgsInput['table']['pretrainSeeds']>[string];
}

/**
 * Appends one (variant, seed) chain: `pretrain-<v>-s<s>` (the seed-1 run's args and inputs with
 * `seed` and its own run directory; its metrics and model kept as the seed-1 run's are),
 * `mlm-<v>-s<s>` (scored on the SEED-1 run's validation positions: they are drawn from the config's
 * seed, so the seed-1 args make every model of a table paired on the same positions) and
 * `finetune-<v>-s<s>-<task>` per task (the seed-1 chain's fine-tuning, label `<v>-s<s>`).
 */
function addSeedChain(
  cells: Cell[],
  spec: ChainSpec,
  main: CellOf<'pretrain'>,
  variant: string,
  seed: number,
  scratch: boolean,
): { ids: string[]; seed: SeedChains['seeds'][number] } {
  const { paths } = spec;
  const label = seedLabel(variant, seed);
  // a scratch model (`pretrainSeeds.scratch`) lives beside the runs; the cells read it as a kept one
  const model = scratch ? scratchModel(paths, '', label) : keptModel(paths, '', label);
  const pretrainId = `pretrain-${label}`;
  cells.push({
    id: pretrainId,
    kind: 'pretrain',
    // the seed-1 run's inputs: the corpus and the variant's allocation (clustered: on the seed-1 full model)
    dependsOn: [...main.dependsOn],
    outputs: [pretrainDir(paths, '', label), metricsFile(paths, '', label), model],
    args: { ...main.args, outDir: pretrainDir(paths, '', label), seed },
  });
  const mlm = mlmPositionsFile(paths, label);
  const mlmId = `mlm-${label}`;
  cells.push({
    id: mlmId,
    kind: 'mlm-positions',
    dependsOn: [spec.corpusCell, pretrainId],
    outputs: [mlm],
    args: { model, pretrain: main.args, out: mlm },
  });
  const ids = [mlmId];
  const finetune = spec.finetunes.map((f) => {
    const out = finetuneCsv(paths, '', label, f.name);
    const id = `finetune-${label}-${f.name}`;
    cells.push({
      id,
      kind: 'finetune',
      dependsOn: [pretrainId],
      outputs: [out],
      args: f.args(model, label, out),
    });
    ids.push(id);
    return out;
  });
  return { ids, seed: { seed, model: label, finetune, mlm } };
}

/**
 * Appends a preset's pretraining-seed cells (`preset.pretrainSeeds`; none without it) after its
 * Tables 2–3 model chains, which must be in `cells` already, and before its table cells: per
 * variant and seed a chain (see `addSeedChain`). Returns, per variant, what its table cells read.
 *
 * @throws RangeError (from {@link checkPretrainSeeds}) for settings that break a rule, naming the field
 * @example
 * ```ts
 * addPretrainSeedCells(cells, EXPERIMENT_PRESETS.mini, spec).get('full')?.ids; // ['mlm-full-s2', 'finetune-full-s2-uci-sentiment', …]
 * ```
 */
export function addPretrainSeedCells(
  cells: Cell[],
  preset: ExperimentPreset,
  spec: ChainSpec,
): ReadonlyMap<string, SeedChains> {
  const settings = preset.pretrainSeeds;
  if (settings === undefined) return new Map();
  // the main (seed-1) runs of Tables 2–3: not Table 4's (`ml-`) nor the curves'
  const mains = new Map(
    cells
      .filter((c): c is CellOf<'pretrain'> => c.kind === 'pretrain' && c.id.startsWith('pretrain-'))
      .map((c) => [c.id.slice('pretrain-'.length), c]),
  );
  checkPretrainSeeds(settings, `${preset.name}.pretrainSeeds`, [...mains.keys()]);
  return new Map(
    settings.variants.map((variant) => {
      const main = mains.get(variant) as CellOf<'pretrain'>;
      const chains = settings.seeds.map((seed) =>
        addSeedChain(cells, spec, main, variant, seed, settings.scratch?.includes(variant) ?? false),
      );
      return [variant, { ids: chains.flatMap((c) => c.ids), seeds: chains.map((c) => c.seed) }];
    }),
  );
}
