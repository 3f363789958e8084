import { join } from 'node:path';
import { getAllocator } from '@ksub/index-mapping';
import { loadAllocation } from '@ksub/index-mapping/node';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { allocateCell, AllocateArgsSchema, takesText, unusedOption } from './allocate-cell';
import { cellArgsProblems } from './cell-kinds';

describe('the allocate cell', () => {
  const dir = useTempDir('allocate-cell');
  const context = { preset: 'test', outputs: [], resume: true, source: 'spec' };

  it("makes the grid's Table 2 allocation: radix, k = 3 over RoBERTa's 50,265 tokens (M = 37), seed 1", async () => {
    const out = join(dir.path, 'radix-k3.alloc');
    const args = AllocateArgsSchema.parse({ method: 'radix', k: 3, dim: 32, out });
    const { result, stdout } = await captureStdout(() => allocateCell.run(args, context));
    expect(result).toBe(true);
    const allocation = await loadAllocation(out);
    expect(allocation.method).toBe('radix');
    expect(allocation.seed).toBe(1);
    expect(allocation.rows).toEqual([37, 37, 37]); // 36³ < 50,265 ≤ 37³
    expect(allocation.widths).toEqual([11, 11, 10]);
    expect(stdout).toContain('embedding parameters: 1,184 (full table: 1,608,480)'); // 37 · 32; 50,265 · 32
    expect(stdout).toContain('collisions: 0');
  }, 30_000);

  it('refuses an option the allocator does not read, naming it', async () => {
    const args = AllocateArgsSchema.parse({
      method: 'radix',
      variant: 'equal',
      out: join(dir.path, 'x.alloc'),
    });
    await expect(allocateCell.run(args, context)).rejects.toThrow(
      new RangeError('allocate: variant does not apply to method radix (it takes no options); got "equal"'),
    );
    expect(unusedOption(getAllocator('clustered'), { variant: 'equal', maxIter: 3 })).toBeUndefined();
    expect(takesText(getAllocator('clustered'))).toBe('it takes variant, maxIter, covered, threads');
  });

  it('checks the method and tokenizer are registered', () => {
    expect(cellArgsProblems('allocate', { method: 'hashing', tokenizer: 'bert', out: 'x' })).toEqual([
      'method "hashing" is not one of clustered, radix, scattered',
      expect.stringMatching(/^tokenizer "bert" is not one of .*roberta-gpt2/),
    ]);
  });
});
