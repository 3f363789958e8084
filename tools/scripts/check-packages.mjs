#!/usr/bin/env node
// Checks that every built package is what a user installing it alone would get: its package.json
// is publishable (name, version, exports, files, dependencies), `npm pack` ships the built
// JavaScript and declarations (not the TypeScript sources), and plain Node — without the
// "@ksub/source" condition the workspace uses — loads it. Run after `nx run-many -t build`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
  }
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
  console.log(
    `✓ ${pkg.name}@${pkg.version}: ${files.length} files packed, ${exported} exports load in plain Node`,
  );
}

console.log(`packages: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
