import { addProjectConfiguration, logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { allocatorGenerator } from './generator';

const REGISTER = `// Side effect: registers the built-in allocators.
import { RadixAllocator } from './allocators/radix';
import { registerAllocator } from './registry';

registerAllocator('radix', () => new RadixAllocator());
`;

const INDEX = `import './register';

export { RadixAllocator } from './allocators/radix';
export {
  decodeAllocation,
  encodeAllocation,
} from './allocation-file';
`;

function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  addProjectConfiguration(tree, 'index-mapping', {
    root: 'packages/index-mapping',
    sourceRoot: 'packages/index-mapping/src',
  });
  addProjectConfiguration(tree, 'my-lib', { root: 'packages/my-lib', sourceRoot: 'packages/my-lib/src' });
  tree.write('packages/index-mapping/src/register.ts', REGISTER);
  tree.write('packages/index-mapping/src/index.ts', INDEX);
  tree.write('packages/my-lib/src/index.ts', 'export const answer = 42;\n');
  return tree;
}

const read = (tree: Tree, path: string): string => tree.read(path, 'utf-8') ?? '';
const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('allocator generator', () => {
  // prettier loads through a dynamic import that jest's VM cannot run; generator-in-workspace.spec.ts
  // runs the real CLI and checks that the generated files are formatted.
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
    expect(tree.children('packages/index-mapping/src/allocators').sort()).toEqual([
      'my-method.spec.ts',
      'my-method.ts',
    ]);
    const source = read(tree, 'packages/index-mapping/src/allocators/my-method.ts');
    expect(source).toContain('export class MyMethodAllocator implements Allocator {');
    expect(source).toContain("readonly name = 'my-method';");
    expect(source).toContain('readonly randomized = false;');
    expect(source).toContain('return digitCodes(normalized, this.order(normalized), this.name, fn);');
    expect(source).toContain('EDIT THIS');
    for (const from of ['../allocator', '../normalize-request', './digit-codes']) {
      expect(source).toContain(`from '${from}';`);
    }
    expect(source).not.toContain('@ksub/index-mapping');
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
    expect(register).toBe(
      REGISTER.replace(
        "import { registerAllocator } from './registry';\n",
        "$&import { MyMethodAllocator } from './allocators/my-method';\n",
      ) + "registerAllocator('my-method', () => new MyMethodAllocator());\n",
    );
    // appended after the last export, which is a multi-line one, without a blank line
    expect(read(tree, 'packages/index-mapping/src/index.ts')).toBe(
      `${INDEX}export { MyMethodAllocator } from './allocators/my-method';\n`,
    );
  });

  it('imports the seam from the package and creates register.ts in another project', async () => {
    const tree = workspace();
    await allocatorGenerator(tree, { name: 'grouped', project: 'my-lib' });
    const source = read(tree, 'packages/my-lib/src/allocators/grouped.ts');
    expect(source).toContain('export class GroupedAllocator implements Allocator {');
    expect(source).toContain("} from '@ksub/index-mapping';");
    expect(source).not.toContain("from '../");
    expect(read(tree, 'packages/my-lib/src/allocators/grouped.spec.ts')).toContain(
      "from '@ksub/index-mapping/testing'",
    );
    expect(read(tree, 'packages/my-lib/src/register.ts')).toBe(
      [
        "// Side effect: registers this package's allocators. Imported once by the package entry point.",
        "import { registerAllocator } from '@ksub/index-mapping';",
        "import { GroupedAllocator } from './allocators/grouped';",
        '',
        "registerAllocator('grouped', () => new GroupedAllocator());",
        '',
      ].join('\n'),
    );
    expect(read(tree, 'packages/my-lib/src/index.ts')).toBe(
      [
        "import './register';",
        'export const answer = 42;',
        "export { GroupedAllocator } from './allocators/grouped';",
        '',
      ].join('\n'),
    );
  });

  it('appends to an existing register.ts of another project, adding the registry import it lacks', async () => {
    const tree = workspace();
    tree.write('packages/my-lib/src/register.ts', "import { setUp } from './set-up';\n\nsetUp();\n");
    await allocatorGenerator(tree, { name: 'first', project: 'my-lib' });
    await allocatorGenerator(tree, { name: 'second', project: 'my-lib' });
    expect(read(tree, 'packages/my-lib/src/register.ts')).toBe(
      [
        "import { setUp } from './set-up';",
        "import { registerAllocator } from '@ksub/index-mapping';",
        "import { FirstAllocator } from './allocators/first';",
        "import { SecondAllocator } from './allocators/second';",
        '',
        'setUp();',
        "registerAllocator('first', () => new FirstAllocator());",
        "registerAllocator('second', () => new SecondAllocator());",
        '',
      ].join('\n'),
    );
    const index = read(tree, 'packages/my-lib/src/index.ts');
    expect(count(index, "import './register';")).toBe(1);
    expect(count(index, 'export { SecondAllocator }')).toBe(1);
  });

  it('warns when another project does not declare the seam packages', async () => {
    const tree = workspace();
    tree.write(
      'packages/my-lib/package.json',
      JSON.stringify({ name: '@ksub/my-lib', dependencies: { '@ksub/core': '0.1.0' } }),
    );
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    try {
      await allocatorGenerator(tree, { name: 'grouped', project: 'my-lib' });
      await allocatorGenerator(tree, { name: 'quiet' });
      expect(warn.mock.calls).toEqual([
        [
          'allocator generator: packages/my-lib/package.json does not declare @ksub/index-mapping; add it to "dependencies" and run npm install',
        ],
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it.each([['My Method'], ['my_method'], ['-x'], ['']])('rejects the name %p, quoting it', async (name) => {
    await expect(allocatorGenerator(workspace(), { name })).rejects.toThrow(
      `allocator generator: name must be kebab-case (e.g. "my-method"); got ${JSON.stringify(name)}`,
    );
  });

  it('rejects an existing allocator and an unknown project', async () => {
    const tree = workspace();
    await allocatorGenerator(tree, { name: 'dup' });
    const before = read(tree, 'packages/index-mapping/src/register.ts');
    await expect(allocatorGenerator(tree, { name: 'dup' })).rejects.toThrow(
      'allocator generator: an allocator named "dup" already exists in packages/index-mapping/src/allocators',
    );
    expect(read(tree, 'packages/index-mapping/src/register.ts')).toBe(before);
    // registered in register.ts though its file is gone
    await expect(allocatorGenerator(tree, { name: 'radix' })).rejects.toThrow(
      'allocator generator: an allocator named "radix" already exists',
    );
    await expect(allocatorGenerator(tree, { name: 'x', project: 'nope' })).rejects.toThrow(
      'allocator generator: project must be a project of this workspace; got "nope"',
    );
  });
});
