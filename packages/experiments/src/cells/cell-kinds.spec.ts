import type { Cell } from '../grid/cell';
import { validateGrid } from '../grid/validate-grid';
import { CELL_KINDS, cellArgsProblems, isCellKindName, parseCellArgs } from './cell-kinds';

const out = 'runs/x/alloc-radix-k3.alloc';
/** An allocate cell but its args. */
const allocate = { id: 'allocate-radix-k3', kind: 'allocate', dependsOn: [], outputs: [out] } as const;

describe('CELL_KINDS (one typed contract per kind of cell)', () => {
  it('lists each kind under the name its cells carry', () => {
    for (const [name, kind] of Object.entries(CELL_KINDS)) expect(kind.kind).toBe(name);
    expect(isCellKindName('pretrain')).toBe(true);
    expect(isCellKindName('toString')).toBe(false); // own keys only
  });

  it('a misspelt arg in a grid is a type error (checked by the typecheck) and a validation error', () => {
    const misspelt: Cell = {
      ...allocate,
      // @ts-expect-error -- `methd` is not an allocate arg (the typecheck fails if this line type-checks)
      args: { methd: 'radix', k: 3, out },
    };
    const stepz: Cell = {
      id: 'pretrain-full',
      kind: 'pretrain',
      dependsOn: [],
      outputs: ['runs/x/pretrain-full'],
      args: {
        model: 'tiny',
        embedding: { kind: 'full' },
        corpus: 'data/c',
        outDir: 'runs/x/pretrain-full',
        batchSize: 8,
        // @ts-expect-error -- `stepz` is not a pretraining setting (`steps` is)
        stepz: 30,
      },
    };
    expect(validateGrid({ cells: [misspelt, stepz] })).toEqual([
      'allocate-radix-k3: allocate args: unknown key "methd"',
      'pretrain-full: pretrain args: unknown key "stepz"; steps: Invalid input: expected number, received undefined; got undefined',
    ]);
    // what the `cell` CLI does before running: the same schema, a TypeError naming the key
    expect(() => parseCellArgs('allocate', misspelt.args, 'grid/x.json#allocate-radix-k3')).toThrow(
      new TypeError('allocate args (grid/x.json#allocate-radix-k3): unknown key "methd"'),
    );
  });

  it('a value of the wrong type or range is caught the same two ways', () => {
    const cell: Cell = {
      ...allocate,
      // @ts-expect-error -- k is a number
      args: { method: 'radix', k: '3', out },
    };
    expect(cellArgsProblems('allocate', cell.args)).toEqual([
      'allocate args: k: Invalid input: expected number, received string; got "3"',
    ]);
    expect(cellArgsProblems('allocate', { method: 'radix', k: 1.5, out })).toEqual([
      'allocate args: k: Invalid input: expected int, received number; got 1.5',
    ]);
  });

  it('fills the defaults the grid leaves out, and checks registered names after the schema', () => {
    expect(parseCellArgs('allocate', { out })).toEqual({
      method: 'radix',
      k: 3,
      dim: 512,
      tokenizer: 'roberta-gpt2',
      seed: 1,
      special: false,
      out,
    });
    expect(cellArgsProblems('allocate', { method: 'hashing', out })).toEqual([
      'method "hashing" is not one of clustered, radix, scattered',
    ]);
    expect(
      cellArgsProblems('finetune', {
        model: 'm',
        learningRates: [1e-4],
        batchSizes: [16],
        epochs: 1,
        out: 'o.csv',
      }),
    ).toEqual(['finetune args: (root): exactly one of task, taskSpec, protocol must be given; got []']);
  });
});
