import '@ksub/clustering';
import { listCorpora } from '@ksub/corpus';
import { listTasks } from '@ksub/evaluation';
import { listAllocators } from '@ksub/index-mapping';
import { listTokenizers } from '@ksub/tokenizers';
import { type PretrainConfig, resolvePretrainConfig } from '@ksub/training';
import { COMPRESSION_METHODS } from '../direction/compress-model';
import type { Cell, Grid } from './cell';

const PROTOCOLS: Readonly<Record<string, readonly string[]>> = {
  libreoffice: ['cross-lingual', 'train-all'],
  xnli: ['cross-lingual', 'translate-train-all'],
};

function cellProblems(cell: Cell): string[] {
  const a = cell.args;
  const problems: string[] = [];
  const known = (what: string, value: unknown, list: readonly string[]) => {
    if (!list.includes(value as string))
      problems.push(`${what} ${JSON.stringify(value)} is not one of ${list.join(', ')}`);
  };
  const tokenizer = (a['tokenizer'] as string | undefined) ?? 'roberta-gpt2';
  switch (cell.kind) {
    case 'corpus':
      known('corpus', a['corpus'], listCorpora());
      known('tokenizer', tokenizer, listTokenizers());
      break;
    case 'allocate':
      known('method', a['method'], listAllocators());
      known('tokenizer', tokenizer, listTokenizers());
      break;
    case 'pretrain':
      known('tokenizer', tokenizer, listTokenizers());
      try {
        resolvePretrainConfig(a as unknown as PretrainConfig);
      } catch (error) {
        problems.push((error as Error).message);
      }
      break;
    case 'finetune': {
      const protocol = a['protocol'] as { suite: string; name: string } | undefined;
      if (protocol === undefined) known('task', a['task'], listTasks());
      else {
        known('suite', protocol.suite, Object.keys(PROTOCOLS));
        known('protocol', protocol.name, PROTOCOLS[protocol.suite] ?? []);
      }
      break;
    }
    case 'compress':
      known('method', a['method'], COMPRESSION_METHODS);
      break;
    default:
      break;
  }
  return problems.map((p) => `${cell.id}: ${p}`);
}

/**
 * Checks a grid without running it — what `reproduce --dry-run` does, so a preset meant for a
 * bigger machine (`paper`) is known to be well formed before it gets one: unique ids and outputs,
 * dependencies listed before their readers, and per cell its registered corpus, tokenizer,
 * allocator, task or protocol and compressor, and a pretraining config that validates.
 * Returns the problems found (none: an empty list).
 */
export function validateGrid(grid: Grid): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const outputs = new Set<string>();
  for (const cell of grid.cells) {
    if (seen.has(cell.id)) problems.push(`${cell.id}: the id is used twice`);
    for (const d of cell.dependsOn)
      if (!seen.has(d)) problems.push(`${cell.id}: depends on ${d}, which is not listed before it`);
    for (const o of cell.outputs) {
      if (outputs.has(o)) problems.push(`${cell.id}: output ${o} is written by another cell too`);
      outputs.add(o);
    }
    seen.add(cell.id);
    problems.push(...cellProblems(cell));
  }
  return problems;
}
