// Line-level edits of small TypeScript entry files (register.ts, index.ts). They keep to the
// shapes those files have in this workspace: one import or export per statement, top-level calls.

/**
 * Whether line `i` ends an import statement: `import …` on one line, or the `} from '…';` closing
 * a multi-line import (not a multi-line export, whose first line starts with `export`).
 */
function endsImport(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (/^import\s/.test(line)) return true;
  if (!/^\s*}\s*from\s+['"]/.test(line)) return false;
  let start = i;
  while (start > 0 && /^(\s|})/.test(lines[start] ?? '')) start--;
  return /^import\s/.test(lines[start] ?? '');
}

/**
 * Inserts `line` after the last import statement of `source`; when there is none, after the
 * leading `//` comment lines (or at the top).
 *
 * @example
 * ```ts
 * addImport("import { a } from './a';\n\nrun();\n", "import { b } from './b';");
 * // "import { a } from './a';\nimport { b } from './b';\n\nrun();\n"
 * ```
 */
export function addImport(source: string, line: string): string {
  const lines = source.split('\n');
  let last = -1;
  while (lines[last + 1]?.startsWith('//') === true) last++;
  lines.forEach((_line, i) => {
    if (endsImport(lines, i)) last = i;
  });
  lines.splice(last + 1, 0, line);
  return lines.join('\n');
}

/**
 * Appends `line` as the last statement of `source`, separated from the imports by a blank line
 * when it is the first statement after them; the result ends with exactly one newline.
 *
 * @example
 * ```ts
 * appendStatement("import { a } from './a';\n", 'a();'); // "import { a } from './a';\n\na();\n"
 * ```
 */
export function appendStatement(source: string, line: string): string {
  const trimmed = source.replace(/\s*$/, '');
  if (trimmed === '') return `${line}\n`;
  const lines = trimmed.split('\n');
  return `${trimmed}${endsImport(lines, lines.length - 1) ? '\n\n' : '\n'}${line}\n`;
}

/**
 * Whether `source` imports the named binding `name` (e.g. `import { a, name } from '…';`).
 *
 * @example
 * ```ts
 * importsName("import { registerAllocator } from './registry';", 'registerAllocator'); // true
 * ```
 */
export function importsName(source: string, name: string): boolean {
  return new RegExp(`import\\s*(type\\s+)?\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s`).test(source);
}
