import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './backend';

describe('initBackend', () => {
  it('passes over tfjs-node when it is not installed and starts wasm, logging the choice', async () => {
    const lines: string[] = [];
    let tfjsNode = true;
    try {
      require.resolve(['@tensorflow', 'tfjs-node'].join('/'));
    } catch {
      tfjsNode = false;
    }
    const info = await initBackend({ log: (l) => lines.push(l) });
    if (tfjsNode) {
      expect(info.name).toBe('tensorflow');
    } else {
      expect(info.name).toBe('wasm');
      expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow']);
      expect(lines).toEqual([
        expect.stringMatching(/^ksub: TensorFlow.js backend wasm \(passed over tensorflow: /),
      ]);
    }
    expect(tf.getBackend()).toBe(info.name);
  });

  it('honours a forced backend and KSUB_BACKEND', async () => {
    expect((await initBackend({ backend: 'cpu', log: null })).name).toBe('cpu');
    process.env['KSUB_BACKEND'] = 'wasm';
    try {
      expect((await initBackend({ log: null })).name).toBe('wasm');
    } finally {
      delete process.env['KSUB_BACKEND'];
    }
  });

  it('rejects an unknown backend name, naming it', async () => {
    await expect(initBackend({ backend: 'webgl' as never, log: null })).rejects.toThrow(
      /initBackend: backend \(or KSUB_BACKEND\) must be one of tensorflow, wasm, cpu; got "webgl"/,
    );
  });
});
