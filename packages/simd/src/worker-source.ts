import { CONTROL } from './control';

/**
 * Source of a kernel worker (CommonJS, evaluated with `new Worker(source, { eval: true })` so the
 * package ships no separate worker file). It instantiates the kernel over the shared memory, then
 * sleeps on the generation counter and drains chunks of each dispatched product.
 */
export const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const ctrl = new Int32Array(workerData.control);
const instance = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes), {
  env: { memory: workerData.memory },
});
const chunk = instance.exports.batchGemmChunk;
const A = ${CONTROL.ARGS};
Atomics.add(ctrl, ${CONTROL.READY}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, ${CONTROL.GEN}, seen);
  seen = Atomics.load(ctrl, ${CONTROL.GEN});
  if (Atomics.load(ctrl, ${CONTROL.STOP}) !== 0) break;
  for (;;) {
    const c = Atomics.add(ctrl, ${CONTROL.NEXT}, 1);
    const total = Atomics.load(ctrl, ${CONTROL.CHUNKS});
    if (c >= total) break;
    chunk(
      Atomics.load(ctrl, A), Atomics.load(ctrl, A + 1), Atomics.load(ctrl, A + 2), Atomics.load(ctrl, A + 3),
      Atomics.load(ctrl, A + 4), Atomics.load(ctrl, A + 5), Atomics.load(ctrl, A + 6), Atomics.load(ctrl, A + 7),
      Atomics.load(ctrl, A + 8), c,
    );
    if (Atomics.add(ctrl, ${CONTROL.DONE}, 1) + 1 === total) Atomics.notify(ctrl, ${CONTROL.DONE});
  }
}
`;
