#!/usr/bin/env node
// Adds the platform-specific optional packages (swc, nx, unrs-resolver binaries for darwin, win32,
// musl, …) that `npm install` leaves out of package-lock.json when the registry it reaches serves
// only this machine's platform. Without those entries `npm ci` refuses the lock file ("Missing: …
// from lock file"). Each added entry carries its os / cpu / libc, so npm skips it on every other
// platform and fetches it (by exact version) only where it applies. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const lockPath = resolve(new URL('../..', import.meta.url).pathname, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = [
  'darwin',
  'win32',
  'linux',
  'android',
  'freebsd',
  'openharmony',
  'sunos',
  'aix',
  'netbsd',
  'openbsd',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const base = name.split('/').pop();
  const parts = base.split('-');
  if (parts.includes('wasm32')) return { cpu: ['wasm32'] };
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find((c) => parts.includes(c));
  if (os === undefined || cpu === undefined) return null;
  const platform = { os: [os], cpu: [cpu] };
  if (os === 'linux') {
    if (parts.some((p) => p.startsWith('musl'))) platform.libc = ['musl'];
    else if (parts.some((p) => p.startsWith('gnu'))) platform.libc = ['glibc'];
  }
  return platform;
}

/** Where node would find `dep` from the package at `from`: the nearest node_modules up the path. */
function resolveFrom(from, dep) {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${dep}` : `${dir}/node_modules/${dep}`;
    if (packages[candidate] !== undefined) return candidate;
    if (dir === '') return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const found = resolveFrom(path, dep);
    const exact = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range);
    if (found !== null && (!exact || packages[found].version === range)) continue;
    const platform = platformOf(dep);
    if (platform === null || !exact) {
      console.error(
        `complete-lockfile: cannot place optional ${dep}@${range} of ${path || '(root)'}; add it by hand`,
      );
      process.exitCode = 1;
      continue;
    }
    const top = `node_modules/${dep}`;
    const at = packages[top] === undefined ? top : `${path}/node_modules/${dep}`;
    if (packages[at] !== undefined) {
      console.error(
        `complete-lockfile: ${at} holds ${packages[at].version}, but ${path} needs ${range}; fix by hand`,
      );
      process.exitCode = 1;
      continue;
    }
    packages[at] = { version: range, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform-specific optional entries`);
