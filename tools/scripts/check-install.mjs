#!/usr/bin/env node
// Checks that ksub's packages work in a user's application outside this repository, next to the
// user's own copy of TensorFlow.js. It packs @ksub/embedding and the @ksub packages it depends on
// (transitively) with `npm pack`, and for each TF.js version creates a fresh app under the OS temp
// directory that `npm install`s the tarballs next to `@tensorflow/tfjs@<version>` (the union
// package). There it checks that one copy of @tensorflow/tfjs-core was installed (TF.js is a peer
// of ksub's libraries, not a dependency), then runs a CommonJS and an ESM script that each build a
// radix allocation, a functional tf.model (int32 ids → KSubEmbedding → flatten → dense), train one
// model.fit epoch on random ids, save it through tf.io.withSaveHandler, load it back with
// tf.loadLayersModel(tf.io.fromMemory(...)) and compare predictions (max |Δ| ≤ 1e-6).
//
// Run after `npx nx run-many -t build` (it packs the built dist/ folders). Needs the npm registry.
// Usage: node tools/scripts/check-install.mjs [--tfjs 4.21.0,4.22.0] [--keep]
//   --tfjs  the @tensorflow/tfjs versions to install next to ksub (default: 4.21.0,4.22.0)
//   --keep  leave the temporary directory in place (its path is printed) to look into a failure
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const DEFAULT_VERSIONS = ['4.21.0', '4.22.0'];
const ENTRY = '@ksub/embedding';
const USED_BY_APP = ['@ksub/embedding', '@ksub/index-mapping'];
const NPM_FLAGS = ['--no-audit', '--no-fund', '--loglevel=error'];
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const RUN_TIMEOUT_MS = 5 * 60_000;

// The apps run as a user's would: no backend forced, no preloads or conditions from this shell.
const APP_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'KSUB_BACKEND' && key !== 'NODE_OPTIONS'),
);

const root = resolve(new URL('../..', import.meta.url).pathname);
const packagesDir = join(root, 'packages');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();

function usage(message) {
  console.error(`check-install: ${message}`);
  console.error('usage: node tools/scripts/check-install.mjs [--tfjs 4.21.0,4.22.0] [--keep]');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { versions: DEFAULT_VERSIONS, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--keep') options.keep = true;
    else if (arg === '--tfjs' || arg.startsWith('--tfjs=')) {
      const value = arg === '--tfjs' ? argv[++i] : arg.slice('--tfjs='.length);
      const versions = (value ?? '').split(',').filter((v) => v !== '');
      if (versions.length === 0 || !versions.every((v) => /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(v)))
        usage(`--tfjs takes comma-separated exact versions (e.g. 4.21.0,4.22.0); got ${value}`);
      options.versions = versions;
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node tools/scripts/check-install.mjs [--tfjs 4.21.0,4.22.0] [--keep]');
      process.exit(0);
    } else usage(`unknown argument ${arg}`);
  }
  return options;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command; returns its output, or throws an Error carrying the command and its stderr. */
function run(command, args, { cwd, timeout, env = process.env }) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  const shown = [command === process.execPath ? 'node' : command, ...args].join(' ');
  if (result.error) throw new Error(`${shown} (in ${cwd}) could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const why = result.signal ? `was killed by ${result.signal}` : `exited with ${result.status}`;
    const output = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${shown} (in ${cwd}) ${why}:\n${output}`);
  }
  return result.stdout;
}

/** The workspace packages by name: directory and package.json. */
function workspacePackages() {
  const byName = new Map();
  for (const dir of readdirSync(packagesDir)) {
    const pkgPath = join(packagesDir, dir, 'package.json');
    if (!existsSync(pkgPath)) continue;
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    byName.set(pkg.name, { dir: join(packagesDir, dir), pkg });
  }
  return byName;
}

/** The @ksub packages a user installing `names` gets: them and their @ksub dependencies, transitively. */
function closure(byName, names) {
  const seen = new Set();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.shift();
    if (seen.has(name)) continue;
    const entry = byName.get(name);
    if (entry === undefined) throw new Error(`${name} is not a workspace package`);
    seen.add(name);
    for (const dep of Object.keys(entry.pkg.dependencies ?? {}))
      if (dep.startsWith('@ksub/')) queue.push(dep);
  }
  return [...seen].sort();
}

/** The newest modification time under `dir` among files accepted by `keep`. */
function newest(dir, keep) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, keep));
    else if (keep(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Fails unless every package's exported entry points are built; warns when sources are newer. */
function checkBuilt(byName, names) {
  const missing = [];
  for (const name of names) {
    const { dir, pkg } = byName.get(name);
    const main = pkg.exports?.['.']?.default ?? pkg.main;
    const built = join(dir, main);
    if (!existsSync(built)) {
      missing.push(`${name} (${relative(root, built)})`);
      continue;
    }
    // tsc rewrites only the outputs that change, so compare with the newest file of dist/.
    const src = join(dir, 'src');
    const isSource = (f) => f.endsWith('.ts') && !f.startsWith('.') && !/\.(spec|bench)\.ts$/.test(f);
    if (existsSync(src) && newest(src, isSource) > newest(join(dir, 'dist'), () => true))
      console.warn(
        `check-install: warning: ${name}'s sources are newer than its dist/; rebuild to check them`,
      );
  }
  if (missing.length > 0)
    throw new Error(
      `not built: ${missing.join(', ')}. Build first: npx nx run-many -t build -p ${names.map((n) => n.slice('@ksub/'.length)).join(',')}`,
    );
}

/** Every installed copy of `name` under `dir`'s node_modules trees, as [path, version]. */
function installedCopies(dir, name) {
  const found = [];
  const visit = (nodeModules) => {
    if (!existsSync(nodeModules)) return;
    const own = join(nodeModules, name, 'package.json');
    if (existsSync(own)) found.push([relative(dir, own), JSON.parse(readFileSync(own, 'utf8')).version]);
    for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '.bin') continue;
      const base = join(nodeModules, entry.name);
      const children = entry.name.startsWith('@')
        ? readdirSync(base, { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .map((e) => join(base, e.name))
        : [base];
      for (const child of children) visit(join(child, 'node_modules'));
    }
  };
  visit(join(dir, 'node_modules'));
  return found;
}

// The user's program, once as CommonJS and once as ESM: the same steps, one JSON line of results.
const BODY = `
const VOCAB = 300;
const SEQ = 6;
const BATCH = 32;
const fail = (message) => {
  throw new Error(message);
};
async function check() {
  // Without tfjs-node and tfjs-backend-wasm (optional peers) ksub's own picker falls back to cpu.
  const picked = await initBackend({ log: null });
  const passedOver = picked.skipped.map((s) => s.name).join(',');
  if (picked.name !== 'cpu' || passedOver !== 'tensorflow,wasm')
    fail('initBackend picked ' + picked.name + ' passing over [' + passedOver + ']; expected cpu after tensorflow,wasm');
  await tf.setBackend('cpu');
  await tf.ready();
  if (tf.getBackend() !== 'cpu') fail('tf.getBackend() is ' + tf.getBackend() + ', not cpu');
  const allocation = await getAllocator('radix').allocate({ numTokens: VOCAB, numTables: 3, dim: 12 });
  const inputs = tf.input({ shape: [SEQ], dtype: 'int32' });
  const embedding = new KSubEmbedding({ allocation });
  const embedded = embedding.apply(inputs);
  const flattened = tf.layers.flatten().apply(embedded);
  const outputs = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(flattened);
  const model = tf.model({ inputs, outputs });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
  const ids = tf.randomUniform([BATCH, SEQ], 0, VOCAB, 'int32', 1);
  const labels = tf.cast(tf.randomUniform([BATCH, 1], 0, 3, 'int32', 2), 'float32');
  const tablesBefore = embedding.getWeights().map((w) => w.dataSync().slice());
  const history = await model.fit(ids, labels, { epochs: 1, batchSize: 8, verbose: 0 });
  const loss = history.history.loss[0];
  if (!Number.isFinite(loss)) fail('model.fit gave loss ' + loss);
  const moved = embedding.getWeights().some((w, j) => w.dataSync().some((v, i) => v !== tablesBefore[j][i]));
  if (!moved) fail('model.fit left the KSubEmbedding tables unchanged');
  let artifacts;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(saved) };
    }),
  );
  // model.json is text: the topology goes through JSON, as when read from a file.
  const modelTopology = JSON.parse(JSON.stringify(artifacts.modelTopology));
  const loaded = await tf.loadLayersModel(tf.io.fromMemory({ ...artifacts, modelTopology }));
  const copy = loaded.layers.find((layer) => layer instanceof KSubEmbedding);
  if (copy === undefined) fail('the loaded model has no KSubEmbedding layer');
  const before = model.predict(ids).dataSync();
  const after = loaded.predict(ids).dataSync();
  if (before.length !== after.length) fail('predictions differ in length: ' + before.length + ' vs ' + after.length);
  let maxDiff = 0;
  for (let i = 0; i < before.length; i++) maxDiff = Math.max(maxDiff, Math.abs(before[i] - after[i]));
  if (!(maxDiff <= 1e-6)) fail('predictions after save/load differ by ' + maxDiff + ' (> 1e-6)');
  return { tfjs: tf.version.tfjs, core: tf.version_core, initBackend: picked.name, loss, maxDiff };
}
check().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(1);
  },
);
`;

const CJS = `'use strict';
const tf = require('@tensorflow/tfjs');
const { getAllocator } = require('@ksub/index-mapping');
const { KSubEmbedding } = require('@ksub/embedding');
const { initBackend } = require('@ksub/tensor');
${BODY}`;

const ESM = `import * as tfNamespace from '@tensorflow/tfjs';
import { getAllocator } from '@ksub/index-mapping';
import { KSubEmbedding } from '@ksub/embedding';
import { initBackend } from '@ksub/tensor';
// @tensorflow/tfjs is CommonJS for Node: its names come through the namespace or its default.
const tf = typeof tfNamespace.model === 'function' ? tfNamespace : tfNamespace.default;
${BODY}`;

/** One fresh app with @tensorflow/tfjs@version and the tarballs; its one-line result. */
function checkVersion(tmp, version, tarballs) {
  const appDir = join(tmp, `app-tfjs-${version}`);
  const t0 = Date.now();
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  writeFileSync(
    join(appDir, 'package.json'),
    `${JSON.stringify({ name: 'ksub-install-check', version: '0.0.0', private: true }, null, 2)}\n`,
  );
  run(npm, ['install', ...NPM_FLAGS, `@tensorflow/tfjs@${version}`, ...tarballs], {
    cwd: appDir,
    timeout: INSTALL_TIMEOUT_MS,
  });
  const installMs = Date.now() - t0;
  const cores = installedCopies(appDir, '@tensorflow/tfjs-core');
  if (cores.length !== 1 || cores[0][1] !== version)
    throw new Error(
      `expected one @tensorflow/tfjs-core@${version}; installed: ${cores.map(([p, v]) => `${p} (${v})`).join(', ') || 'none'}`,
    );
  writeFileSync(join(appDir, 'check.cjs'), CJS);
  writeFileSync(join(appDir, 'check.mjs'), ESM);
  const results = [];
  for (const script of ['check.cjs', 'check.mjs']) {
    const t1 = Date.now();
    const out = run(process.execPath, [script], { cwd: appDir, timeout: RUN_TIMEOUT_MS, env: APP_ENV });
    const result = JSON.parse(out.trim().split('\n').pop());
    if (result.core !== version)
      throw new Error(`${script} ran on tfjs-core ${result.core}, not the installed ${version}`);
    results.push(
      `${script.endsWith('.cjs') ? 'CJS' : 'ESM'} ok (loss ${result.loss.toFixed(4)}, max |Δ| ${result.maxDiff}, ${seconds(Date.now() - t1)})`,
    );
  }
  return `@tensorflow/tfjs@${version}: 1 copy of tfjs-core; install ${seconds(installMs)}; ${results.join('; ')}`;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const byName = workspacePackages();
  const names = closure(byName, USED_BY_APP);
  if (!names.includes(ENTRY)) throw new Error(`${ENTRY} missing from ${names.join(', ')}`);
  checkBuilt(byName, names);
  const tmp = mkdtempSync(join(tmpdir(), 'ksub-check-install-'));
  const cleanUp = () => {
    if (options.keep) console.log(`check-install: kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  let failures = 0;
  try {
    const packDir = join(tmp, 'tarballs');
    mkdirSync(packDir, { recursive: true });
    const tarballs = names.map((name) => {
      const out = run(npm, ['pack', '--json', '--loglevel=error', '--pack-destination', packDir], {
        cwd: byName.get(name).dir,
        timeout: RUN_TIMEOUT_MS,
      });
      return join(packDir, JSON.parse(out)[0].filename);
    });
    console.log(`check-install: packed ${names.join(', ')}`);
    for (const version of options.versions) {
      try {
        console.log(`✓ ${checkVersion(tmp, version, tarballs)}`);
      } catch (error) {
        failures++;
        console.error(`✗ @tensorflow/tfjs@${version}: ${error.message}`);
      }
    }
  } finally {
    cleanUp();
  }
  const total = seconds(Date.now() - started);
  if (failures > 0) {
    console.error(
      `check-install: ${failures} of ${options.versions.length} TF.js versions failed (${total})`,
    );
    process.exit(1);
  }
  console.log(
    `check-install: ksub installs and works next to @tensorflow/tfjs ${options.versions.join(', ')} (${total})`,
  );
}

try {
  main();
} catch (error) {
  console.error(`check-install: ${error.message}`);
  process.exit(1);
}
