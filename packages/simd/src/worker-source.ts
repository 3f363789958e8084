import { CONTROL, OP_ARITY, OPS } from './control';

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
const ops = ${JSON.stringify(OPS)}.map((name) => instance.exports[name]);
const arity = ${JSON.stringify(OP_ARITY)};
const A = ${CONTROL.ARGS};
const args = new Array(12);
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
    const op = Atomics.load(ctrl, ${CONTROL.OP});
    const n = arity[op];
    for (let i = 0; i < n; i++) args[i] = Atomics.load(ctrl, A + i);
    args[n] = c;
    ops[op].apply(null, args.slice(0, n + 1));
    if (Atomics.add(ctrl, ${CONTROL.DONE}, 1) + 1 === total) Atomics.notify(ctrl, ${CONTROL.DONE});
  }
}
`;
