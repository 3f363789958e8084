import { join } from 'node:path';
import {
  formatFiles,
  generateFiles,
  joinPathFragments,
  logger,
  names,
  readJson,
  readProjectConfiguration,
  type Tree,
} from '@nx/devkit';
import type { AllocatorGeneratorSchema } from './schema';
import { addImport, appendStatement, importsName } from './source-edits';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const HOME = 'index-mapping';
const FN = 'allocator generator';
/** Packages a generated allocator outside index-mapping imports. */
const SEAM_PACKAGES = ['@ksub/index-mapping', '@ksub/core'];

/** Where the generated pieces go and how they import the allocator seam. */
interface Plan {
  name: string;
  className: string;
  fileName: string;
  internal: boolean;
  root: string;
  allocatorsDir: string;
  registerPath: string;
  indexPath: string;
}

const read = (tree: Tree, path: string): string =>
  tree.exists(path) ? (tree.read(path, 'utf-8') ?? '') : '';

function plan(tree: Tree, options: AllocatorGeneratorSchema): Plan {
  const name = typeof options.name === 'string' ? options.name.trim() : options.name;
  if (typeof name !== 'string' || !KEBAB.test(name)) {
    throw new Error(`${FN}: name must be kebab-case (e.g. "my-method"); got ${JSON.stringify(options.name)}`);
  }
  const project = options.project ?? HOME;
  let root: string;
  try {
    root = readProjectConfiguration(tree, project).root;
  } catch {
    throw new Error(`${FN}: project must be a project of this workspace; got ${JSON.stringify(project)}`);
  }
  const allocatorsDir = joinPathFragments(root, 'src', 'allocators');
  const registerPath = joinPathFragments(root, 'src', 'register.ts');
  const taken =
    tree.exists(joinPathFragments(allocatorsDir, `${name}.ts`)) ||
    tree.exists(joinPathFragments(allocatorsDir, `${name}.spec.ts`)) ||
    read(tree, registerPath).includes(`registerAllocator('${name}'`);
  if (taken) {
    throw new Error(
      `${FN}: an allocator named ${JSON.stringify(name)} already exists in ${allocatorsDir}; choose a new name`,
    );
  }
  return {
    name,
    className: `${names(name).className}Allocator`,
    fileName: name,
    internal: project === HOME,
    root,
    allocatorsDir,
    registerPath,
    indexPath: joinPathFragments(root, 'src', 'index.ts'),
  };
}

/** Adds the import and the `registerAllocator(…)` call to the project's `register.ts`. */
function register(tree: Tree, p: Plan): void {
  let source = read(tree, p.registerPath);
  if (source.trim() === '') {
    source = `// Side effect: registers this package's allocators. Imported once by the package entry point.\n`;
  }
  if (!importsName(source, 'registerAllocator')) {
    const from = p.internal ? './registry' : '@ksub/index-mapping';
    source = addImport(source, `import { registerAllocator } from '${from}';`);
  }
  source = addImport(source, `import { ${p.className} } from './allocators/${p.fileName}';`);
  tree.write(
    p.registerPath,
    appendStatement(source, `registerAllocator('${p.name}', () => new ${p.className}());`),
  );
}

/** Exports the class from the project's `index.ts`, which must load `register.ts` once. */
function exportFromIndex(tree: Tree, p: Plan): void {
  let source = read(tree, p.indexPath);
  if (!/^import '\.\/register';/m.test(source)) source = `import './register';\n${source}`;
  tree.write(
    p.indexPath,
    appendStatement(source, `export { ${p.className} } from './allocators/${p.fileName}';`),
  );
}

/** Outside index-mapping the generated code imports the seam packages: say so when they are undeclared. */
function warnAboutDependencies(tree: Tree, p: Plan): void {
  const manifest = joinPathFragments(p.root, 'package.json');
  if (p.internal || !tree.exists(manifest)) return;
  const json = readJson<Record<string, Record<string, string> | undefined>>(tree, manifest);
  const declared = { ...json['dependencies'], ...json['peerDependencies'], ...json['devDependencies'] };
  const missing = SEAM_PACKAGES.filter((dep) => declared[dep] === undefined);
  if (missing.length > 0) {
    logger.warn(
      `${FN}: ${manifest} does not declare ${missing.join(', ')}; add ${missing.length > 1 ? 'them' : 'it'} to "dependencies" and run npm install`,
    );
  }
}

/**
 * `nx g @ksub/tools:allocator NAME [--project P]`: writes `src/allocators/NAME.ts` (a working
 * allocator to edit) and `NAME.spec.ts` (the shared conformance suite plus a registry check) in
 * project P (default `index-mapping`), registers the allocator in P's `src/register.ts` and exports
 * it from P's `src/index.ts`. Outside index-mapping it imports the seam from `@ksub/index-mapping`
 * and creates `register.ts` (imported by `index.ts`) when P has none.
 *
 * @throws Error naming the value when NAME is not kebab-case, is taken in P, or P is unknown
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
  register(tree, p);
  exportFromIndex(tree, p);
  warnAboutDependencies(tree, p);
  await formatFiles(tree);
}
