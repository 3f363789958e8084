import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, fileError, FormatError, withFileContext } from '@ksub/core';
import { identityLayout } from '../id-layout';
import { LayeredTokenizer } from '../layered-tokenizer';
import type { SpecialTokenIds, Tokenizer } from '../tokenizer';
import { filesHash } from './files-hash';
import { checkTokenizerJson } from './check-tokenizer-json';
import { type HfCodec, hfCodec } from './hf-codec';

/** Options of {@link loadHfTokenizer}. */
export interface LoadHfTokenizerOptions {
  /** Name of the tokenizer (default `hf-<directory name>`). */
  readonly name?: string;
}

const ROLE_DEFAULTS: Readonly<Record<keyof SpecialTokenIds, string>> = {
  bos: '<s>',
  eos: '</s>',
  cls: '<s>',
  sep: '</s>',
  pad: '<pad>',
  unk: '<unk>',
  mask: '<mask>',
};

function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { content?: unknown }).content === 'string'
  ) {
    return (value as { content: string }).content;
  }
  return undefined;
}

/** The `tokenizer_config.json` beside the tokenizer, or `{}` when there is none. */
async function readConfig(
  path: string,
  fail: (what: string) => never,
): Promise<{ configText: string; config: Record<string, unknown> }> {
  let configText = '{}';
  try {
    configText = await readFile(path, 'utf8');
  } catch (error) {
    // optional: RoBERTa's token names are the defaults; but one that exists must be readable
    if ((error as { code?: unknown }).code !== 'ENOENT')
      throw fileError(error, 'read the tokenizer config', path);
  }
  let config: unknown;
  try {
    config = JSON.parse(configText);
  } catch (error) {
    return fail(`${path} is not JSON (${(error as Error).message})`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    fail(`${path} must hold a JSON object; got ${describe(config)}`);
  return { configText, config: config as Record<string, unknown> };
}

/**
 * Loads a Hugging Face tokenizer a user brings from a local path — a real `roberta-base` or
 * `xlm-roberta-base` `tokenizer.json` (BPE or Unigram), with its `tokenizer_config.json` beside it
 * when present. Ids stay as in the file; the special tokens are found by the config's
 * `bos_token`, `eos_token`, `cls_token`, `sep_token`, `pad_token`, `unk_token` and `mask_token`
 * (RoBERTa's `<s> </s> <pad> <unk> <mask>` by default), and every added special token is
 * reserved, so plain text never produces one. Nothing is downloaded.
 *
 * @param path - a `tokenizer.json` file or a directory holding one
 * @throws FormatError naming the file when it is not JSON, is not a tokenizer.json
 *   `@huggingface/tokenizers` can run (a vocabulary of the wrong shape for the model type, BPE merges missing; see
 *   `checkTokenizerJson`), or lacks a special token; an Error naming the path when the file
 *   system refuses (missing, a directory where a file should be)
 * @example
 * ```ts
 * const tok = await loadHfTokenizer('/models/xlm-roberta-base');
 * tok.encodePair('Bonjour', 'Hello');
 * ```
 */
export async function loadHfTokenizer(
  path: string,
  options: LoadHfTokenizerOptions = {},
): Promise<Tokenizer> {
  const fail = (what: string): never => {
    throw new FormatError(`loadHfTokenizer: ${what}`);
  };
  const file = (await withFileContext('read the tokenizer', path, () => stat(path))).isDirectory()
    ? join(path, 'tokenizer.json')
    : path;
  const jsonText = await withFileContext('read the tokenizer', file, () => readFile(file, 'utf8'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText);
  } catch (error) {
    return fail(`${file} is not JSON (${(error as Error).message})`);
  }
  const json = checkTokenizerJson(parsed, (what) => fail(`${file}: ${what}`));
  const { configText, config } = await readConfig(join(dirname(file), 'tokenizer_config.json'), fail);
  let codec: HfCodec;
  try {
    codec = await hfCodec(json, config);
  } catch (error) {
    // what the library still refuses after the checks is a problem of the file
    if (error instanceof TypeError) fail(`${file}: ${error.message}`);
    throw error;
  }
  const vocab = codec.tokens();
  const idOf = new Map<string, number>();
  vocab.forEach((token, id) => {
    if (!idOf.has(token)) idOf.set(token, id);
  });
  for (const [id, content] of codec.addedTokens) idOf.set(content, id);

  const specialIds = {} as Record<keyof SpecialTokenIds, number>;
  for (const role of Object.keys(ROLE_DEFAULTS) as Array<keyof SpecialTokenIds>) {
    const text = tokenText(config[`${role}_token`]) ?? ROLE_DEFAULTS[role];
    const id = idOf.get(text);
    if (id === undefined) fail(`${file}: the ${role} token ${describe(text)} is not in the vocabulary`);
    specialIds[role] = id as number;
  }
  const reserved = new Map<number, string>();
  for (const t of json.added_tokens ?? []) if (t.special !== false) reserved.set(t.id, t.content);
  for (const id of Object.values(specialIds)) reserved.set(id, vocab[id] ?? '');

  return new LayeredTokenizer({
    name: options.name ?? `hf-${basename(dirname(file))}`,
    filesHash: filesHash([jsonText, configText]),
    codec,
    layout: identityLayout(codec.size, specialIds, reserved),
  });
}
