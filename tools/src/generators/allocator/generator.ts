import { join } from 'node:path';
import {
  formatFiles,
  generateFiles,
  joinPathFragments,
  names,
  readProjectConfiguration,
  type Tree,
} from '@nx/devkit';
import type { AllocatorGeneratorSchema } from './schema';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const HOME = 'index-mapping';

/** Where the generated pieces go and how they import the allocator seam. */
interface Plan {
  name: string;
  className: string;
  fileName: string;
  internal: boolean;
  allocatorsDir: string;
  registerPath: string;
  indexPath: string;
}

function plan(tree: Tree, options: AllocatorGeneratorSchema): Plan {
  const name = typeof options.name === 'string' ? options.name.trim() : options.name;
  if (typeof name !== 'string' || !KEBAB.test(name)) {
    throw new Error(
      `allocator generator: name must be kebab-case (e.g. "my-method"); got ${JSON.stringify(options.name)}`,
    );
  }
  const project = options.project ?? HOME;
  let root: string;
  try {
    root = readProjectConfiguration(tree, project).root;
  } catch {
    throw new Error(
      `allocator generator: project must be a project of this workspace; got ${JSON.stringify(project)}`,
    );
  }
  const allocatorsDir = joinPathFragments(root, 'src', 'allocators');
  if (tree.exists(joinPathFragments(allocatorsDir, `${name}.ts`))) {
    throw new Error(
      `allocator generator: an allocator named ${JSON.stringify(name)} already exists in ${allocatorsDir}`,
    );
  }
  return {
    name,
    className: `${names(name).className}Allocator`,
    fileName: name,
    internal: project === HOME,
    allocatorsDir,
    registerPath: joinPathFragments(root, 'src', 'register.ts'),
    indexPath: joinPathFragments(root, 'src', 'index.ts'),
  };
}

/** Inserts `line` after the last import statement of `source` (or at the top when there is none). */
function addImport(source: string, line: string): string {
  const lines = source.split('\n');
  let last = -1;
  lines.forEach((l, i) => {
    if (/^import\s/.test(l) || /^\s*}\s*from\s+['"]/.test(l)) last = i;
  });
  lines.splice(last + 1, 0, line);
  return lines.join('\n');
}

function appendLine(source: string, line: string): string {
  return `${source.replace(/\s*$/, '')}\n${line}\n`;
}

/**
 * `nx g @ksub/tools:allocator NAME [--project P]`: writes `src/allocators/NAME.ts` (a working
 * allocator to edit) and `NAME.spec.ts` (the shared conformance suite plus a registry check) in
 * project P (default `index-mapping`), registers the allocator in P's `src/register.ts` and exports
 * it from P's `src/index.ts`. Outside index-mapping it imports the seam from `@ksub/index-mapping`
 * and creates `register.ts` (imported by `index.ts`) when P has none.
 *
 * @example
 * ```sh
 * npx nx g @ksub/tools:allocator my-method
 * ```
 */
export async function allocatorGenerator(tree: Tree, options: AllocatorGeneratorSchema): Promise<void> {
  const p = plan(tree, options);
  generateFiles(tree, join(__dirname, 'files'), p.allocatorsDir, {
    ...p,
    imports: {
      testing: p.internal ? '../testing' : '@ksub/index-mapping/testing',
      registry: p.internal ? '../registry' : '@ksub/index-mapping',
      register: '../register',
    },
  });

  const importLine = `import { ${p.className} } from './allocators/${p.fileName}';`;
  const registerLine = `registerAllocator('${p.name}', () => new ${p.className}());`;
  let register = tree.exists(p.registerPath) ? (tree.read(p.registerPath, 'utf-8') ?? '') : '';
  if (register === '') {
    register = `// Side effect: registers this package's allocators. Imported once by the package entry point.\nimport { registerAllocator } from '@ksub/index-mapping';\n`;
  }
  tree.write(p.registerPath, appendLine(addImport(register, importLine), registerLine));

  let index = tree.exists(p.indexPath) ? (tree.read(p.indexPath, 'utf-8') ?? '') : '';
  if (!/^import '\.\/register';/m.test(index)) index = `import './register';\n${index}`;
  tree.write(p.indexPath, appendLine(index, `export { ${p.className} } from './allocators/${p.fileName}';`));

  await formatFiles(tree);
}
