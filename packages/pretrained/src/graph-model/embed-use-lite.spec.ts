import { embedUseLite } from './embed-use-lite';
import type { GraphModelRunner, TensorFactory, TensorHandle } from './tensor-runtime';

/** A tensor that remembers whether it was disposed. */
class FakeTensor implements TensorHandle {
  disposed = false;
  constructor(
    readonly values: ArrayLike<number>,
    readonly shape: number[],
  ) {}
  async data(): Promise<ArrayLike<number>> {
    return this.values;
  }
  dispose(): void {
    this.disposed = true;
  }
}

/** A stand-in runtime: the model answers row s with the value s + 0.5 everywhere, or with `answer`. */
function fakeRuntime(answer?: (batch: number) => FakeTensor[] | Promise<never>) {
  const made: FakeTensor[] = [];
  const seen: Record<string, { values: number[]; shape: number[] }> = {};
  const tf: TensorFactory<FakeTensor> = {
    tensor: (values, shape) => {
      const t = new FakeTensor(Array.from(values), shape);
      made.push(t);
      return t;
    },
  };
  const model: GraphModelRunner<FakeTensor> = {
    executeAsync: async (inputs) => {
      for (const [name, t] of Object.entries(inputs))
        seen[name] = { values: Array.from(t.values), shape: t.shape };
      const batch = Math.max(...(inputs.indices?.values as number[]).filter((_, i) => i % 2 === 0)) + 1;
      if (answer !== undefined) return answer(batch);
      const out = new FakeTensor(
        Array.from({ length: batch * 512 }, (_, i) => Math.floor(i / 512) + 0.5),
        [batch, 512],
      );
      made.push(out);
      return out;
    },
  };
  return { tf, model, made, seen };
}

describe('embedUseLite', () => {
  it('feeds the sparse indices and values and returns the [n, 512] rows', async () => {
    const { tf, model, made, seen } = fakeRuntime();
    const vectors = await embedUseLite(tf, model, [[9, 100], [200]]);
    expect(seen).toEqual({
      indices: { values: [0, 0, 0, 1, 1, 0], shape: [3, 2] },
      values: { values: [9, 100, 200], shape: [3] },
    });
    expect(vectors).toBeInstanceOf(Float32Array);
    expect(vectors).toHaveLength(1024);
    expect([vectors[0], vectors[511], vectors[512], vectors[1023]]).toEqual([0.5, 0.5, 1.5, 1.5]);
    expect(made.map((t) => t.disposed)).toEqual([true, true, true]);
  });

  it('names the shapes when the model answers with the wrong ones, and still disposes everything', async () => {
    const wrong = [new FakeTensor([0], [2, 256]), new FakeTensor([0], [2, 512])];
    const { tf, model, made } = fakeRuntime(() => wrong);
    await expect(embedUseLite(tf, model, [[1], [2]])).rejects.toThrow(
      'embedUseLite: the model must return one [2, 512] tensor for 2 sentences; got shapes [[2, 256], [2, 512]]',
    );
    expect([...made, ...wrong].every((t) => t.disposed)).toBe(true);
  });

  it('disposes its inputs when the model throws', async () => {
    const { tf, model, made } = fakeRuntime(() => Promise.reject(new Error('kernel failed')));
    await expect(embedUseLite(tf, model, [[1]])).rejects.toThrow('kernel failed');
    expect(made.map((t) => t.disposed)).toEqual([true, true]);
  });

  it('checks the ids before making any tensor', async () => {
    const { tf, model, made } = fakeRuntime();
    await expect(embedUseLite(tf, model, [[8002]])).rejects.toThrow(
      'useLiteInputs: ids[0][0] must be an integer in [0, 8001]; got 8002',
    );
    expect(made).toHaveLength(0);
  });
});
