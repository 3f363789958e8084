import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// End to end: the real `nx g` CLI (which loads this TypeScript generator through @swc-node/register)
// in a temporary copy of the workspace, then the generated code's own tests, types, format and lint.
// No network: node_modules entries are symlinks to this checkout's, and Nx Cloud is off.

const root = resolve(__dirname, '../../../..');
const ROOT_FILES = [
  'package.json',
  'nx.json',
  'tsconfig.base.json',
  'jest.preset.js',
  '.swcrc.jest.json',
  'eslint.config.mjs',
  '.prettierrc.json',
];
const PROJECTS = ['packages/core', 'packages/index-mapping', 'tools'];

/** A minimal library that declares the seam packages, to receive an allocator with --project. */
const PROBE_LIB: Record<string, string> = {
  'package.json': JSON.stringify({
    name: '@ksub/probe-lib',
    version: '0.1.0',
    private: true,
    exports: { '.': { '@ksub/source': './src/index.ts' } },
    dependencies: { '@ksub/core': '0.1.0', '@ksub/index-mapping': '0.1.0' },
  }),
  'project.json': JSON.stringify({
    name: 'probe-lib',
    sourceRoot: 'packages/probe-lib/src',
    projectType: 'library',
    tags: ['type:lib', 'runtime:pure'],
    targets: {},
  }),
  'tsconfig.json': JSON.stringify({
    extends: '../../tsconfig.base.json',
    compilerOptions: { noEmit: true, types: ['node', 'jest'] },
    include: ['src/**/*.ts'],
  }),
  'jest.config.cjs':
    "module.exports = { ...require('../../jest.preset.js'), displayName: 'probe-lib', rootDir: __dirname };\n",
  'src/index.ts': 'export const probe = 1;\n',
};

const ENV = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_INTERACTIVE: 'false',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

// CI forces colours on; compare text without ANSI escapes.
// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('allocator generator in a copy of the workspace', () => {
  let copy: string;

  /** Runs a node_modules script with cwd = the copy; returns its output, or throws it on failure. */
  const run = (script: string, ...args: string[]): string => {
    const result = spawnSync(process.execPath, [join(copy, 'node_modules', script), ...args], {
      cwd: copy,
      env: ENV,
      encoding: 'utf8',
    });
    const output = plain(`${result.stdout}\n${result.stderr}`);
    if (result.status !== 0) {
      throw new Error(`${[script, ...args].join(' ')} exited with ${result.status}:\n${output}`);
    }
    return output;
  };
  const nx = (...args: string[]) => run('nx/dist/bin/nx.js', ...args, '--no-interactive');
  const runJest = (...args: string[]) => run('jest/bin/jest.js', '--ci', '--verbose', '-c', ...args);
  const tsc = (project: string) => run('typescript/bin/tsc', '--noEmit', '-p', `${project}/tsconfig.json`);
  const prettierCheck = (...files: string[]) => run('prettier/bin/prettier.cjs', '--check', ...files);
  const eslint = (...files: string[]) => run('eslint/bin/eslint.js', ...files);

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'ksub-generator-'));
    for (const file of ROOT_FILES) cpSync(join(root, file), join(copy, file));
    const keep = (src: string) => !/[/\\](dist|node_modules|\.nx)([/\\]|$)/.test(src);
    for (const dir of PROJECTS) cpSync(join(root, dir), join(copy, dir), { recursive: true, filter: keep });
    for (const [file, text] of Object.entries(PROBE_LIB)) {
      mkdirSync(join(copy, 'packages/probe-lib', file, '..'), { recursive: true });
      writeFileSync(join(copy, 'packages/probe-lib', file), text);
    }
    // node_modules: the real packages, except our own, which must resolve inside the copy.
    mkdirSync(join(copy, 'node_modules', '@ksub'), { recursive: true });
    for (const entry of readdirSync(join(root, 'node_modules'))) {
      if (entry !== '@ksub')
        symlinkSync(join(root, 'node_modules', entry), join(copy, 'node_modules', entry));
    }
    for (const [name, dir] of [
      ['core', 'packages/core'],
      ['index-mapping', 'packages/index-mapping'],
      ['probe-lib', 'packages/probe-lib'],
      ['tools', 'tools'],
    ] as const) {
      symlinkSync(join(copy, dir), join(copy, 'node_modules/@ksub', name));
    }
  });

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('adds an allocator to index-mapping whose conformance suite passes', () => {
    const dir = 'packages/index-mapping';
    const generated = [`${dir}/src/allocators/probe-method.ts`, `${dir}/src/allocators/probe-method.spec.ts`];
    const edited = [`${dir}/src/register.ts`, `${dir}/src/index.ts`];
    const log = nx('g', '@ksub/tools:allocator', 'probe-method');
    for (const file of generated) expect(log).toContain(`CREATE ${file}`);
    for (const file of edited) expect(log).toContain(`UPDATE ${file}`);

    const report = runJest(`${dir}/jest.config.cjs`, 'probe-method', 'registry');
    expect(report).toContain('allocator conformance: probe-method');
    expect(report).toContain('is registered as probe-method');
    expect(report).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    tsc(dir);
    prettierCheck(...generated, ...edited);
    eslint(...generated, ...edited);
  }, 120_000);

  it('adds an allocator to another project, importing the seam from @ksub/index-mapping', () => {
    const dir = 'packages/probe-lib';
    const log = nx('g', '@ksub/tools:allocator', 'ext-probe', '--project', 'probe-lib');
    expect(log).toContain(`CREATE ${dir}/src/allocators/ext-probe.ts`);
    expect(log).toContain(`CREATE ${dir}/src/register.ts`);
    expect(log).toContain(`UPDATE ${dir}/src/index.ts`);
    expect(log).not.toContain('does not declare');

    const report = runJest(`${dir}/jest.config.cjs`);
    expect(report).toContain('allocator conformance: ext-probe');
    expect(report).toContain('is registered as ext-probe');
    tsc(dir);
    eslint(`${dir}/src`);
  }, 120_000);

  it('stops with a message naming a bad name, changing nothing', () => {
    const result = spawnSync(
      process.execPath,
      [
        join(copy, 'node_modules/nx/dist/bin/nx.js'),
        'g',
        '@ksub/tools:allocator',
        'Bad_Name',
        '--no-interactive',
      ],
      { cwd: copy, env: ENV, encoding: 'utf8' },
    );
    expect(result.status).not.toBe(0);
    expect(plain(`${result.stdout}\n${result.stderr}`)).toContain(
      'allocator generator: name must be kebab-case (e.g. "my-method"); got "Bad_Name"',
    );
    expect(readdirSync(join(copy, 'packages/index-mapping/src/allocators'))).not.toContain('Bad_Name.ts');
  }, 60_000);
});
