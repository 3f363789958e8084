#!/usr/bin/env node
// Checks that every built package is what a user installing it alone would get: its package.json
// is publishable (name, version, exports, files, dependencies), `npm pack` ships the built
// JavaScript (CommonJS and ES module builds, and a browser build where the project is tagged
// platform:browser) and declarations (not the TypeScript sources), and plain Node — without the
// "@ksub/source" condition the workspace uses — loads it. Run after `nx run-many -t build`.
//
// TensorFlow.js policy: a library package never depends on TF.js. Each @tensorflow/* package its
// shipped sources import is an optional peer dependency with the workspace's one range (so the
// user's copy is the only one: a dependency, or a required peer that npm installs at its newest
// version, puts a second tfjs-core next to an older user's, and layers then reject the other
// copy's tensors) and an exact devDependency on the workspace's one pin (one copy here). An
// application (a private package) may pin TF.js as dependencies, on that same version.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const TFJS_PEER_RANGE = '^4.21.0';

const root = resolve(new URL('../..', import.meta.url).pathname);
const packagesDir = join(root, 'packages');
let passed = 0;
let failed = 0;

function check(name, condition, message) {
  if (condition) {
    passed++;
  } else {
    failed++;
    console.error(`✗ ${name}: ${message}`);
  }
}

/** The shipped TypeScript sources of a package: src/ without specs, benches and test helpers. */
function shippedSources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...shippedSources(path));
    else if (/\.ts$/.test(entry.name) && !/\.(spec|bench)\.ts$|^testing-|^\./.test(entry.name))
      out.push(path);
  }
  return out;
}

/**
 * The @tensorflow/* packages a package's shipped code names: `all` (imports, requires, names in
 * strings) and `static` (import … from / import '…' / export … from: needed to load the package).
 */
function tfjsImports(srcDir) {
  const all = new Set();
  const statics = new Set();
  if (!existsSync(srcDir)) return { all, static: statics };
  for (const file of shippedSources(srcDir)) {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/['"](@tensorflow\/[a-z0-9-]+)(?:\/[^'"]*)?['"]/g)) all.add(m[1]);
    for (const m of code.matchAll(
      /(?:\bfrom\s*|^\s*import\s*)['"](@tensorflow\/[a-z0-9-]+)(?:\/[^'"]*)?['"]/gm,
    ))
      statics.add(m[1]);
  }
  return { all, static: statics };
}

/** Whether exact version `v` satisfies caret range `^x.y.z`. */
function satisfiesCaret(v, range) {
  const [a, b] = [v, range.slice(1)].map((s) => s.split('-')[0].split('.').map(Number));
  if (a[0] !== b[0]) return false;
  for (let i = 1; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

const isTfjs = (name) => name.startsWith('@tensorflow/');
const tfjsPins = new Map(); // exact version → where it is pinned

for (const dir of readdirSync(packagesDir).sort()) {
  const pkgPath = join(packagesDir, dir, 'package.json');
  if (!existsSync(pkgPath)) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const where = `packages/${dir}`;
  check(where, /^@ksub\/[a-z0-9-]+$/.test(pkg.name), `name must be @ksub/<kebab>; got ${pkg.name}`);
  check(where, /^\d+\.\d+\.\d+/.test(pkg.version ?? ''), `version must be semver; got ${pkg.version}`);
  check(where, Array.isArray(pkg.files) && pkg.files.includes('dist'), 'files must include "dist"');
  const main = pkg.exports?.['.'];
  check(
    where,
    typeof main?.default === 'string' && typeof main?.types === 'string',
    'exports["."] needs types and default',
  );
  if (!main?.default) continue;
  for (const [sub, target] of Object.entries(pkg.exports)) {
    if (typeof target !== 'object') continue;
    check(
      where,
      existsSync(join(packagesDir, dir, target.default)),
      `exports["${sub}"].default ${target.default} is not built`,
    );
    check(
      where,
      existsSync(join(packagesDir, dir, target.types)),
      `exports["${sub}"].types ${target.types} is not built`,
    );
    // Dual build: an ES module for `import` (and bundlers) beside the CommonJS default.
    if (!pkg.private)
      check(
        where,
        typeof target.import === 'string' && existsSync(join(packagesDir, dir, target.import)),
        `exports["${sub}"].import ${target.import} is not built (tools/scripts/build-esm.mjs)`,
      );
  }
  // Browser-tagged projects ship a browser build of their main entry (and only they claim one).
  const tags = JSON.parse(readFileSync(join(packagesDir, dir, 'project.json'), 'utf8')).tags ?? [];
  const browserTagged = tags.includes('platform:browser');
  check(
    where,
    browserTagged === (typeof main.browser === 'string'),
    browserTagged
      ? 'tagged platform:browser: exports["."] needs a "browser" build'
      : 'exports["."] has a "browser" build but the project is not tagged platform:browser',
  );
  if (browserTagged)
    check(
      where,
      existsSync(join(packagesDir, dir, main.browser)),
      `exports["."].browser ${main.browser} is not built`,
    );
  for (const [dep, range] of Object.entries(pkg.dependencies ?? {})) {
    if (!dep.startsWith('@ksub/')) continue;
    const depDir = dep.slice('@ksub/'.length);
    const depPkg = JSON.parse(readFileSync(join(packagesDir, depDir, 'package.json'), 'utf8'));
    check(
      where,
      range === depPkg.version,
      `dependency ${dep}@${range} must pin the workspace version ${depPkg.version}`,
    );
  }
  // TensorFlow.js: peers in libraries, one pinned version in the workspace.
  const imported = tfjsImports(join(packagesDir, dir, 'src'));
  for (const [field, deps] of [
    ['dependencies', pkg.dependencies],
    ['optionalDependencies', pkg.optionalDependencies],
    ['devDependencies', pkg.devDependencies],
  ])
    for (const [dep, version] of Object.entries(deps ?? {}).filter(([d]) => isTfjs(d))) {
      check(where, /^\d+\.\d+\.\d+$/.test(version), `${field} ${dep}@${version} must be an exact version`);
      tfjsPins.set(version, [...(tfjsPins.get(version) ?? []), `${where} ${field} ${dep}`]);
    }
  if (pkg.private) {
    for (const dep of imported.static)
      check(
        where,
        pkg.dependencies?.[dep] !== undefined || pkg.optionalDependencies?.[dep] !== undefined,
        `application imports ${dep}: pin it in dependencies (or optionalDependencies)`,
      );
  } else {
    for (const field of ['dependencies', 'optionalDependencies'])
      for (const dep of Object.keys(pkg[field] ?? {}).filter(isTfjs))
        check(
          where,
          false,
          `${dep} is in ${field}: TF.js must be a peer dependency of a library (a dependency installs a second tfjs-core next to the user's)`,
        );
    for (const dep of imported.all) {
      const range = pkg.peerDependencies?.[dep];
      check(
        where,
        range === TFJS_PEER_RANGE,
        `imports ${dep}: peerDependencies must give it ${TFJS_PEER_RANGE}; got ${range}`,
      );
      check(
        where,
        pkg.peerDependenciesMeta?.[dep]?.optional === true,
        `peer ${dep} must be optional in peerDependenciesMeta (else npm installs its newest version next to the user's TF.js)`,
      );
      // Statically imported: the workspace needs it to build and test. Loaded by name at run time
      // (tfjs-node, which cannot install everywhere): a devDependency is allowed, not required.
      const dev = pkg.devDependencies?.[dep];
      check(
        where,
        dev === undefined ? !imported.static.has(dep) : satisfiesCaret(dev, TFJS_PEER_RANGE),
        `imports ${dep}: devDependencies must pin a version in ${TFJS_PEER_RANGE} for the workspace; got ${dev}`,
      );
    }
    for (const dep of Object.keys(pkg.peerDependencies ?? {}).filter(isTfjs))
      check(where, imported.all.has(dep), `peer ${dep} is not imported by its shipped sources`);
  }
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], {
      cwd: join(packagesDir, dir),
      encoding: 'utf8',
    }),
  );
  const files = packed[0].files.map((f) => f.path);
  check(where, files.includes(main.default.replace(/^\.\//, '')), `npm pack does not ship ${main.default}`);
  check(where, !files.some((f) => f.startsWith('src/')), 'npm pack ships TypeScript sources');
  check(where, !files.some((f) => /\.spec\.(js|d\.ts)/.test(f)), 'npm pack ships compiled specs');
  // Plain Node, plain conditions: what a user's `require('@ksub/x')` does.
  const script = `const m = require(${JSON.stringify(pkg.name)}); const n = Object.keys(m).length; if (n === 0) process.exit(3); console.log(n);`;
  let exported = 0;
  try {
    exported = Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }).trim());
  } catch (error) {
    check(where, false, `plain Node cannot load it: ${error.message.split('\n')[0]}`);
    continue;
  }
  check(where, exported > 0, 'exports nothing');
  // Plain Node's `import`: the ES module build, with the same export names as the CommonJS one.
  let esm = 0;
  if (!pkg.private) {
    const esmScript = `const m = await import(${JSON.stringify(pkg.name)}); const c = require(${JSON.stringify(pkg.name)}); const a = Object.keys(m).filter((k) => k !== 'default' && k !== 'module.exports').sort(); const b = Object.keys(c).sort(); if (a.join() !== b.join()) { console.error('ESM exports ' + a.join() + ' vs CommonJS ' + b.join()); process.exit(4); } console.log(a.length);`;
    try {
      esm = Number(
        execFileSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/'); ${esmScript}`,
          ],
          { cwd: root, encoding: 'utf8' },
        ).trim(),
      );
    } catch (error) {
      check(
        where,
        false,
        `plain Node cannot import its ES module build: ${error.message.split('\n').slice(0, 3).join(' ')}`,
      );
      continue;
    }
    check(where, esm === exported, `ES module build exports ${esm} names, CommonJS ${exported}`);
  }
  console.log(
    `✓ ${pkg.name}@${pkg.version}: ${files.length} files packed, ${exported} exports load in plain Node${pkg.private ? '' : ' (require and import)'}`,
  );
}

// The most used version first; the others with every place that pins them.
const pins = [...tfjsPins].sort(([, a], [, b]) => b.length - a.length);
check(
  'workspace',
  pins.length <= 1,
  `TF.js must be pinned to one version (one tfjs-core in node_modules); found ${pins
    .map(([v, where], i) => (i === 0 ? `${v} (${where.length} places)` : `${v} (${where.join(', ')})`))
    .join('; ')}`,
);
const [pin] = pins[0] ?? [];
const installed = join(root, 'node_modules/@tensorflow/tfjs-core/package.json');
check(
  'workspace',
  pin === undefined || (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === pin),
  `node_modules/@tensorflow/tfjs-core is not the pinned ${pin}: run npm install`,
);
for (const dir of readdirSync(packagesDir))
  check(
    `packages/${dir}`,
    !existsSync(join(packagesDir, dir, 'node_modules/@tensorflow/tfjs-core')),
    'has its own node_modules/@tensorflow/tfjs-core (a second copy): run npm install',
  );

console.log(`packages: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
