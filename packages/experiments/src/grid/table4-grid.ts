import { describe } from '@ksub/core';
import type { Cell } from './cell';
import { addModelChain, type ChainSpec, type FinetuneOf } from './model-chain';
import { corpusDir, finetuneCsv, type GridPaths, resultFile } from './paths';
import type { ExperimentPreset } from './presets';
import { table4ClusteredRows, table4Variants } from './variants';

/**
 * Table 4's cells: the multilingual corpus, the full / random 3-sub / clustered 3-sub models over
 * the multilingual vocabulary (clustered on the trained multilingual baseline, twice the rows, as
 * the paper), each fine-tuned under both protocols — under the held-out protocol when the preset
 * gives a `testSplit`, with a majority-class control per protocol (`ml-baselines-<protocol>`) — and
 * the per-language table. Variants in `table4.scratch` keep their model under `runs/`.
 *
 * @throws RangeError when `table4.scratch` names a variant Table 4 does not have
 */
export function addTable4(cells: Cell[], preset: ExperimentPreset, paths: GridPaths): void {
  const t4 = preset.table4;
  const corpus = corpusDir(t4.corpus, t4.tokenizer, preset.maxLength);
  cells.push({
    id: 'ml-corpus',
    kind: 'corpus',
    dependsOn: [],
    outputs: [corpus],
    args: { corpus: t4.corpus, tokenizer: t4.tokenizer, maxLength: preset.maxLength, out: corpus },
  });
  const languages = t4.languages;
  // the suite's two protocols: cross-lingual transfer, then training on every language
  const protocols =
    t4.suite === 'xnli'
      ? ([
          { suite: 'xnli', name: 'cross-lingual', languages },
          { suite: 'xnli', name: 'translate-train-all', languages },
        ] as const)
      : ([
          { suite: 'libreoffice', name: 'cross-lingual', languages },
          { suite: 'libreoffice', name: 'train-all', languages },
        ] as const);
  const caps = {
    ...(t4.maxTrain === undefined ? {} : { maxTrain: t4.maxTrain }),
    ...(t4.maxEval === undefined ? {} : { maxEval: t4.maxEval }),
  };
  const finetunes: FinetuneOf[] = protocols.map((protocol) => ({
    name: protocol.name,
    args: (model, label, out) => ({
      protocol,
      tokenizer: t4.tokenizer,
      model,
      label,
      learningRates: t4.learningRates,
      batchSizes: t4.batchSizes,
      ...(t4.seeds === undefined ? {} : { seeds: t4.seeds }),
      ...(t4.searchSeeds === undefined ? {} : { searchSeeds: t4.searchSeeds }),
      epochs: t4.epochs,
      ...(t4.patience === undefined ? {} : { patience: t4.patience }),
      ...(t4.testSplit === undefined ? {} : { testSplit: t4.testSplit }),
      ...caps,
      out,
    }),
  }));
  // the majority class of the models' training examples, on the same held-out samples
  const testSplit = t4.testSplit;
  const baselines = (testSplit === undefined ? [] : protocols).map((protocol) => {
    const out = finetuneCsv(paths, 'ml-', 'baselines', protocol.name);
    cells.push({
      id: `ml-baselines-${protocol.name}`,
      kind: 'baseline',
      dependsOn: [],
      outputs: [out],
      args: { protocol, ...(testSplit === undefined ? {} : { testSplit }), ...caps, out },
    });
    return { id: `ml-baselines-${protocol.name}`, out };
  });
  const spec: ChainSpec = {
    paths,
    prefix: 'ml-',
    corpusCell: 'ml-corpus',
    pretrain: (embedding, outDir) => ({
      model: preset.model,
      modelOverrides: { vocabSize: t4.vocabSize },
      tokenizer: t4.tokenizer,
      embedding,
      corpus,
      outDir,
      seed: 1,
      ...preset.pretrain,
      steps: t4.steps,
      ...(t4.batchSize === undefined ? {} : { batchSize: t4.batchSize }),
    }),
    finetunes,
    ...(t4.scratch === undefined ? {} : { scratch: t4.scratch }),
  };
  const variants = table4Variants(preset, paths);
  const ids = variants.map((v) => v.id);
  for (const v of t4.scratch ?? [])
    if (!ids.includes(v))
      throw new RangeError(
        `${preset.name}.table4.scratch must name Table 4 variants (${ids.join(', ')}); got ${describe(v)}`,
      );
  const chains = variants.map((v) => addModelChain(cells, spec, v));
  cells.push({
    id: 'table4',
    kind: 'table4',
    dependsOn: [...chains.flatMap((c) => c.finetuneIds), ...baselines.map((b) => b.id)],
    outputs: [resultFile(paths, 'table4.md'), resultFile(paths, 'table4.csv')],
    args: {
      inputs: [...chains.flatMap((c) => c.csvs), ...baselines.map((b) => b.out)],
      variants: variants.map((v) => v.id),
      protocols: [protocols[0].name, protocols[1].name],
      languages,
      suite: t4.suite,
      vocabSize: t4.vocabSize,
      clusteredRows: table4ClusteredRows(preset),
    },
  });
}
