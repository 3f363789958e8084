import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a CLI's flags with `node:util` `parseArgs` plus a `--help`/`-h` flag: on `--help` prints
 * `usage` to stdout and returns `undefined` (the caller exits 0); on an unknown or malformed flag
 * prints `name: <what is wrong>` and the usage to stderr, sets exit code 2 and returns `undefined`
 * — never a raw `ERR_PARSE_ARGS_*` stack.
 *
 * @example
 * ```ts
 * const values = parseCli('table1', USAGE, { out: { type: 'string', default: 'docs/results' } });
 * if (values === undefined) return;
 * ```
 */
export function parseCli<O extends Options>(
  name: string,
  usage: string,
  options: O,
  args: string[] = process.argv.slice(2),
):
  | ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean'; short: 'h' } } }>>['values']
  | undefined {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as O & {
    help: { type: 'boolean'; short: 'h' };
  };
  let values: ReturnType<typeof parseArgs<{ options: typeof all }>>['values'];
  try {
    ({ values } = parseArgs({ args, options: all, strict: true, allowPositionals: false }));
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    process.stderr.write(`${name}: ${(error as Error).message}\n\n${usage.trimEnd()}\n`);
    process.exitCode = 2;
    return undefined;
  }
  if ((values as { help?: boolean }).help === true) {
    process.stdout.write(`${usage.trimEnd()}\n`);
    return undefined;
  }
  return values;
}
