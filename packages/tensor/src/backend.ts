import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's CommonJS bundle registers no gradients (its ESM-only register_all_gradients does);
// tfjs-layers' bundle registers them all, so loading it is what makes tf.grad work in Node.
// Chained methods (t.reshape) are not registered either: ksub uses the functional ops.
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { describe as describeValue } from '@ksub/core';
import { registerWasmKernelFills } from './kernels/unsorted-segment-sum-wasm';

/** The backends ksub picks from, fastest first: tfjs-node (`tensorflow`), WebAssembly, plain JS. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** The order {@link initBackend} tries when nothing is forced. */
export const BACKEND_ORDER: readonly BackendName[] = Object.freeze(['tensorflow', 'wasm', 'cpu']);

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Force one backend (default: `process.env.KSUB_BACKEND`, else the first of BACKEND_ORDER that loads). */
  readonly backend?: BackendName;
  /** Where the choice is reported (default: one line on stderr); `null` for silence. */
  readonly log?: ((line: string) => void) | null;
}

/** What {@link initBackend} chose and why. */
export interface BackendInfo {
  /** The active backend. */
  readonly name: BackendName;
  /** Backends tried before it and why each was passed over. */
  readonly skipped: readonly { readonly name: BackendName; readonly reason: string }[];
}

/** The native bindings, GPU build first: both register the `tensorflow` backend. */
const TFJS_NODE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

/**
 * The WebAssembly backend: an optional peer dependency (`@tensorflow/tfjs` does not include it),
 * so it is loaded — and registers itself — only when {@link initBackend} tries it.
 */
const TFJS_WASM = '@tensorflow/tfjs-backend-wasm';

/** Loads the first native binding that is installed; the error of the last when none is. */
function requireNative(): void {
  let last: unknown;
  for (const name of TFJS_NODE) {
    try {
      require(name);
      return;
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

function isBackendName(value: unknown): value is BackendName {
  return value === 'tensorflow' || value === 'wasm' || value === 'cpu';
}

async function tryBackend(name: BackendName): Promise<string | undefined> {
  try {
    if (name === 'tensorflow') {
      // Optional peer dependency: its install downloads libtensorflow, which fails offline. Named
      // through a constant so bundlers and the boundary lint do not require it to be present.
      requireNative();
    }
    if (name === 'wasm') {
      require(TFJS_WASM);
      registerWasmKernelFills();
    }
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

/**
 * Picks the TensorFlow.js backend at start-up: `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node`
 * when one loads (optional; they install where libtensorflow can be downloaded — the GPU build is
 * what the `paper` preset wants), else the WebAssembly backend (`@tensorflow/tfjs-backend-wasm`, an
 * optional peer, loaded here) with ksub's kernel fills, else the pure-JavaScript cpu backend. `KSUB_BACKEND=tensorflow|wasm|cpu`
 * (or `options.backend`) forces one and fails if it cannot start. Logs the choice once.
 *
 * @example
 * ```ts
 * const { name } = await initBackend(); // e.g. 'wasm' on a machine without tfjs-node
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  // `process` is Node's: in a browser only options.backend can force a backend.
  const node = typeof process === 'undefined' ? undefined : process;
  const forced = options.backend ?? node?.env['KSUB_BACKEND'];
  if (forced !== undefined && forced !== '' && !isBackendName(forced)) {
    throw new RangeError(
      `initBackend: backend (or KSUB_BACKEND) must be one of ${BACKEND_ORDER.join(', ')}; got ${describeValue(forced)}`,
    );
  }
  const log =
    options.log === undefined
      ? (line: string) => (node ? node.stderr.write(`${line}\n`) : console.warn(line))
      : options.log;
  const candidates = forced !== undefined && forced !== '' ? [forced as BackendName] : BACKEND_ORDER;
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const name of candidates) {
    const reason = await tryBackend(name);
    if (reason === undefined) {
      const why = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
      log?.(`ksub: TensorFlow.js backend ${name}${why === '' ? '' : ` (passed over ${why})`}`);
      return { name, skipped };
    }
    skipped.push({ name, reason });
  }
  throw new Error(
    `initBackend: no backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`,
  );
}

/** The active backend's name, as ksub knows it (`tf.getBackend()`). */
export function activeBackend(): string {
  return tf.getBackend();
}
