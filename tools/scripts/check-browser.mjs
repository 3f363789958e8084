#!/usr/bin/env node
// The browser test: ksub's built packages bundled into a page and run in headless Chromium.
//
// examples/browser/main.ts is bundled with esbuild for the browser (so each @ksub package resolves
// through its `browser` export: the builds a user's bundler gets, not the TypeScript sources), served
// from 127.0.0.1 and opened in Debian's `chromium`, driven by puppeteer-core (no browser download).
// The page builds a radix allocation and a model with a KSubEmbedding, predicts, trains one step,
// saves to IndexedDB and loads back. The same scenario then runs in Node (node-reference.ts, through
// the packages' ES module builds, saving to memory), and this script checks:
//   - the allocation's codes are the base-M digits f_j(n) = ⌊n / M^j⌋ mod M (Algorithm 1), M = 10;
//   - one training step lowers the loss on its batch;
//   - predictions after the IndexedDB round trip equal those before it, exactly;
//   - the browser's numbers equal Node's (cpu backend both) to 1e-6.
//
// Run after the packages are built (`npx nx run-many -t build`). Chromium: CHROMIUM, else
// /usr/bin/chromium. Without Chromium it reports the skip and passes, except under CI=true, where
// .ci/run has installed it and a missing browser is a failure.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';

const root = resolve(new URL('../..', import.meta.url).pathname);
const example = join(root, 'examples/browser');
const out = join(example, 'dist');
const PAGE_TIMEOUT_MS = 180_000;
const TOLERANCE = 1e-6;

const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `check-browser: Chromium not found at ${chromium} (apt-get install chromium, or set CHROMIUM)`;
  if (process.env.CI === 'true') {
    console.error(`${message}: CI installs it, so this is a failure`);
    process.exit(1);
  }
  console.log(`${message}: browser test skipped`);
  process.exit(0);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning', sourcemap: true };
await build({
  ...common,
  entryPoints: [join(example, 'main.ts')],
  outfile: join(out, 'bundle.js'),
  platform: 'browser',
});
await build({
  ...common,
  entryPoints: [join(example, 'node-reference.ts')],
  outfile: join(out, 'node-reference.mjs'),
  platform: 'node',
  packages: 'external',
});

const files = {
  '/': [readFileSync(join(example, 'index.html')), 'text/html'],
  '/bundle.js': [readFileSync(join(out, 'bundle.js')), 'text/javascript'],
  '/bundle.js.map': [readFileSync(join(out, 'bundle.js.map')), 'application/json'],
};
const server = createServer((req, res) => {
  if (req.url === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  const file = files[req.url ?? ''];
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': file[1] }).end(file[0]);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}/`;

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? `: ${detail}` : ''}`);
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  // root in CI has no user namespace for Chromium's sandbox
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let result;
const pageErrors = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => window.ksubResult !== undefined, { timeout: PAGE_TIMEOUT_MS });
  result = await page.evaluate(() => window.ksubResult);
  console.log(`check-browser: ${await browser.version()} ran the page at ${url}`);
} finally {
  await browser.close();
  server.close();
}
if (result.error) {
  console.error(`check-browser: the page failed: ${result.error}`);
  process.exit(1);
}

const { runInNode } = await import(pathToFileURL(join(out, 'node-reference.mjs')).href);
const reference = await runInNode();

const maxDiff = (a, b) =>
  a.length !== b.length ? Infinity : a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const M = 10;
const digits = result.tokens.map((n) => [0, 1, 2].map((j) => Math.floor(n / M ** j) % M));
check('no errors in the page console', pageErrors.length === 0, pageErrors.join(' | '));
check('backend', result.backend === 'cpu', result.backend);
check(
  'rows are M = 10 per table',
  result.rows.every((r) => r === M),
  `[${result.rows}]`,
);
check(
  'codes are the base-10 digits (Algorithm 1)',
  JSON.stringify(result.codes) === JSON.stringify(digits),
  `tokens [${result.tokens}] → ${JSON.stringify(result.codes)}`,
);
check('parameters Σ rows·widths = 10·48', result.paramCount === 480, String(result.paramCount));
check(
  'one training step lowers the loss',
  result.lossAfter < result.lossBefore,
  `${result.lossBefore.toFixed(6)} → ${result.lossAfter.toFixed(6)}`,
);
check('training changed the predictions', maxDiff(result.predictBefore, result.predictAfter) > 0);
check('reloaded model has a KSubEmbedding', result.reloadedHasKSub === true);
check(
  'IndexedDB round trip: predictions equal',
  maxDiff(result.predictAfter, result.predictReloaded) === 0,
  `max |Δ| ${maxDiff(result.predictAfter, result.predictReloaded)}`,
);
for (const key of ['predictBefore', 'predictAfter', 'predictReloaded']) {
  const d = maxDiff(result[key], reference[key]);
  check(`${key} equals Node's`, d <= TOLERANCE, `max |Δ| ${d}`);
}
for (const key of ['lossBefore', 'lossAfter']) {
  const d = Math.abs(result[key] - reference[key]);
  check(`${key} equals Node's`, d <= TOLERANCE, `${result[key]} vs ${reference[key]}`);
}
console.log(`check-browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
