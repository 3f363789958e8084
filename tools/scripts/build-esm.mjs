#!/usr/bin/env node
// The ES module builds of one package, after `tsc` has written its CommonJS build and declarations
// to dist/ (the `build` target runs both). Usage: node tools/scripts/build-esm.mjs packages/<name>
//
// - dist/esm/<entry>.mjs: every entry point of package.json `exports` (its "@ksub/source" file),
//   bundled by esbuild with code splitting (entries share chunks, so `@ksub/core` and
//   `@ksub/core/node` share one FormatError class) and every package external. For Node's `import`:
//   a banner gives the bundle a `require` (createRequire), which the optional-backend loading and
//   the data packages' `require.resolve` of installed files use.
// - dist/browser/index.mjs, only for a project tagged `platform:browser`: the main entry bundled for
//   browsers, with no banner, and each module `x.ts` that has a sibling `x.browser.ts` replaced by
//   it (the SIMD kernel's worker threads). The build fails if the bundle imports a Node built-in
//   module, so a browser-tagged package cannot ship one by accident.
//
// esbuild, not a second tsc pass: tsc's ES module output would need `.js` extensions written in
// every relative import of the sources, and esbuild also yields the browser bundle.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const dir = resolve(process.argv[2] ?? '');
const pkgPath = join(dir, 'package.json');
if (!process.argv[2] || !existsSync(pkgPath)) {
  console.error(
    `build-esm: argument must be a package directory with a package.json; got ${JSON.stringify(process.argv[2])}`,
  );
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
if (pkg.private) {
  console.log(`build-esm: ${pkg.name} is private (an application): no ES module build`);
  process.exit(0);
}
const tags = JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8')).tags ?? [];

/** exports key → output name: "." → index, "./node" → node, "./testing" → testing. */
const entries = {};
for (const [key, target] of Object.entries(pkg.exports ?? {})) {
  if (typeof target !== 'object' || !target['@ksub/source']) continue;
  entries[key === '.' ? 'index' : key.slice(2).replace(/\//g, '-')] = join(dir, target['@ksub/source']);
}

const common = {
  bundle: true,
  format: 'esm',
  packages: 'external',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
  keepNames: true,
  outExtension: { '.js': '.mjs' },
  tsconfig: join(dir, 'tsconfig.lib.json'),
};

await build({
  ...common,
  entryPoints: entries,
  outdir: join(dir, 'dist/esm'),
  splitting: true,
  platform: 'node',
  banner: {
    js: "import { createRequire as __ksubCreateRequire } from 'node:module';\nconst require = __ksubCreateRequire(import.meta.url);",
  },
});

if (tags.includes('platform:browser')) {
  /** Resolves `./x` to `./x.browser.ts` where that file exists (not from inside it). */
  const browserVariants = {
    name: 'browser-variants',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const variant = `${resolve(args.resolveDir, args.path)}.browser.ts`;
        if (existsSync(variant) && args.importer !== variant) return { path: variant };
        return undefined;
      });
    },
  };
  const { metafile } = await build({
    ...common,
    entryPoints: { index: entries.index },
    outdir: join(dir, 'dist/browser'),
    platform: 'browser',
    plugins: [browserVariants],
    metafile: true,
  });
  // esbuild keeps an external `node:fs` import as it is: refuse one here instead.
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const nodeImports = Object.values(metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => builtins.has(i.path) || builtins.has(i.path.split('/')[0])).map((i) => i.path),
  );
  if (nodeImports.length > 0) {
    console.error(
      `build-esm: ${pkg.name} is tagged platform:browser, but its main entry imports Node modules: ${[...new Set(nodeImports)].join(', ')}`,
    );
    process.exit(1);
  }
}
console.log(
  `build-esm: ${pkg.name}: dist/esm (${Object.keys(entries).join(', ')})${tags.includes('platform:browser') ? ' and dist/browser' : ''}`,
);
