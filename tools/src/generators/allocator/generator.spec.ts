import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { allocatorGenerator } from './generator';

const REGISTER = `// Side effect: registers the built-in allocators.
import { RadixAllocator } from './allocators/radix';
import { registerAllocator } from './registry';

registerAllocator('radix', () => new RadixAllocator());
`;

function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  addProjectConfiguration(tree, 'index-mapping', {
    root: 'packages/index-mapping',
    sourceRoot: 'packages/index-mapping/src',
  });
  addProjectConfiguration(tree, 'my-lib', { root: 'packages/my-lib', sourceRoot: 'packages/my-lib/src' });
  tree.write('packages/index-mapping/src/register.ts', REGISTER);
  tree.write(
    'packages/index-mapping/src/index.ts',
    "import './register';\n\nexport { RadixAllocator } from './allocators/radix';\n",
  );
  tree.write('packages/my-lib/src/index.ts', 'export const answer = 42;\n');
  return tree;
}

// CI sets colours on; compare text without ANSI escapes.
// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
const read = (tree: Tree, path: string): string => tree.read(path, 'utf-8') ?? '';
const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('allocator generator', () => {
  // prettier loads through a dynamic import that jest's VM cannot run; the workspace-copy test
  // below runs the real CLI and checks that the generated files are formatted.
  const skipFormat = process.env['NX_SKIP_FORMAT'];
  beforeAll(() => {
    process.env['NX_SKIP_FORMAT'] = 'true';
  });
  afterAll(() => {
    if (skipFormat === undefined) delete process.env['NX_SKIP_FORMAT'];
    else process.env['NX_SKIP_FORMAT'] = skipFormat;
  });

  it('writes the allocator and its conformance spec into index-mapping', async () => {
    const tree = workspace();
    await allocatorGenerator(tree, { name: 'my-method' });
    const source = read(tree, 'packages/index-mapping/src/allocators/my-method.ts');
    expect(source).toContain('export class MyMethodAllocator implements Allocator {');
    expect(source).toContain("readonly name = 'my-method';");
    expect(source).toContain("from '../normalize-request'");
    const spec = read(tree, 'packages/index-mapping/src/allocators/my-method.spec.ts');
    expect(spec).toContain("describeAllocatorConformance('my-method', () => new MyMethodAllocator());");
    expect(spec).toContain("from '../testing'");
  });

  it('registers and exports it exactly once, keeping what was there', async () => {
    const tree = workspace();
    await allocatorGenerator(tree, { name: 'my-method' });
    const register = read(tree, 'packages/index-mapping/src/register.ts');
    expect(count(register, "registerAllocator('my-method', () => new MyMethodAllocator());")).toBe(1);
    expect(count(register, "import { MyMethodAllocator } from './allocators/my-method';")).toBe(1);
    expect(register).toContain("registerAllocator('radix', () => new RadixAllocator());");
    // the import goes with the other imports, before the first statement
    expect(register.indexOf('MyMethodAllocator } from')).toBeLessThan(
      register.indexOf("registerAllocator('radix'"),
    );
    const index = read(tree, 'packages/index-mapping/src/index.ts');
    expect(count(index, "export { MyMethodAllocator } from './allocators/my-method';")).toBe(1);
    expect(count(index, "import './register';")).toBe(1);
  });

  it('imports the seam from the package and creates register.ts in another project', async () => {
    const tree = workspace();
    await allocatorGenerator(tree, { name: 'grouped', project: 'my-lib' });
    expect(read(tree, 'packages/my-lib/src/allocators/grouped.ts')).toContain(
      "} from '@ksub/index-mapping';",
    );
    expect(read(tree, 'packages/my-lib/src/allocators/grouped.spec.ts')).toContain(
      "from '@ksub/index-mapping/testing'",
    );
    const register = read(tree, 'packages/my-lib/src/register.ts');
    expect(register).toContain("import { registerAllocator } from '@ksub/index-mapping';");
    expect(register).toContain("registerAllocator('grouped', () => new GroupedAllocator());");
    const index = read(tree, 'packages/my-lib/src/index.ts');
    expect(index.startsWith("import './register';")).toBe(true);
    expect(index).toContain('export const answer = 42;');
  });

  it.each([['My Method'], ['my_method'], ['-x'], ['']])('rejects the name %p, quoting it', async (name) => {
    await expect(allocatorGenerator(workspace(), { name })).rejects.toThrow(
      `allocator generator: name must be kebab-case (e.g. "my-method"); got ${JSON.stringify(name)}`,
    );
  });

  it('rejects an existing allocator and an unknown project', async () => {
    const tree = workspace();
    await allocatorGenerator(tree, { name: 'dup' });
    await expect(allocatorGenerator(tree, { name: 'dup' })).rejects.toThrow(
      'allocator generator: an allocator named "dup" already exists in packages/index-mapping/src/allocators',
    );
    await expect(allocatorGenerator(tree, { name: 'x', project: 'nope' })).rejects.toThrow(
      'allocator generator: project must be a project of this workspace; got "nope"',
    );
  });
});

describe('allocator generator in a copy of the workspace', () => {
  const root = resolve(__dirname, '../../../..');
  let copy: string;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'ksub-generator-'));
    for (const file of [
      'package.json',
      'nx.json',
      'tsconfig.base.json',
      'jest.preset.js',
      '.swcrc.jest.json',
      'eslint.config.mjs',
      '.prettierrc.json',
    ]) {
      cpSync(join(root, file), join(copy, file));
    }
    const skip = (src: string) => !/[/\\](dist|node_modules|\.nx)([/\\]|$)/.test(src);
    for (const dir of ['packages/core', 'packages/index-mapping', 'tools']) {
      cpSync(join(root, dir), join(copy, dir), { recursive: true, filter: skip });
    }
    // node_modules: the real packages, except our own, which must resolve inside the copy.
    mkdirSync(join(copy, 'node_modules', '@ksub'), { recursive: true });
    for (const entry of readdirSync(join(root, 'node_modules'))) {
      if (entry !== '@ksub')
        symlinkSync(join(root, 'node_modules', entry), join(copy, 'node_modules', entry));
    }
    symlinkSync(join(copy, 'packages/core'), join(copy, 'node_modules/@ksub/core'));
    symlinkSync(join(copy, 'packages/index-mapping'), join(copy, 'node_modules/@ksub/index-mapping'));
    symlinkSync(join(copy, 'tools'), join(copy, 'node_modules/@ksub/tools'));
  });

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('runs as `nx g @ksub/tools:allocator`, and the result passes its tests', () => {
    const env = {
      ...process.env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_INTERACTIVE: 'false',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    };
    const generate = spawnSync(
      process.execPath,
      [
        join(copy, 'node_modules/nx/dist/bin/nx.js'),
        'g',
        '@ksub/tools:allocator',
        'probe-method',
        '--no-interactive',
      ],
      { cwd: copy, env, encoding: 'utf8' },
    );
    expect({ status: generate.status, stderr: generate.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    expect(plain(generate.stdout)).toContain('CREATE packages/index-mapping/src/allocators/probe-method.ts');

    const test = spawnSync(
      process.execPath,
      [
        join(copy, 'node_modules/jest/bin/jest.js'),
        '-c',
        'packages/index-mapping/jest.config.cjs',
        '--ci',
        '--verbose',
        'probe-method',
        'registry',
      ],
      { cwd: copy, env, encoding: 'utf8' },
    );
    const report = plain(`${test.stdout}\n${test.stderr}`);
    expect(report).toContain('allocator conformance: probe-method');
    expect(report).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(test.status).toBe(0);

    const generated = ['probe-method.ts', 'probe-method.spec.ts'].map(
      (f) => `packages/index-mapping/src/allocators/${f}`,
    );
    const style = spawnSync(
      process.execPath,
      [
        join(copy, 'node_modules/prettier/bin/prettier.cjs'),
        '--check',
        ...generated,
        'packages/index-mapping/src/register.ts',
      ],
      { cwd: copy, env, encoding: 'utf8' },
    );
    expect({ status: style.status, output: style.stdout + style.stderr }).toEqual({
      status: 0,
      output: expect.any(String),
    });
    const lint = spawnSync(
      process.execPath,
      [join(copy, 'node_modules/eslint/bin/eslint.js'), ...generated],
      {
        cwd: copy,
        env,
        encoding: 'utf8',
      },
    );
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({
      status: 0,
      output: expect.any(String),
    });
  }, 120_000);
});
