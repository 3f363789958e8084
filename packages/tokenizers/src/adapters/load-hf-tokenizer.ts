import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, FormatError } from '@ksub/core';
import { identityLayout } from '../id-layout';
import { LayeredTokenizer } from '../layered-tokenizer';
import type { SpecialTokenIds, Tokenizer } from '../tokenizer';
import { filesHash } from './files-hash';
import { type HfTokenizerJson, hfCodec } from './hf-codec';

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

/**
 * Loads a Hugging Face tokenizer a user brings from a local path — a real `roberta-base` or
 * `xlm-roberta-base` `tokenizer.json` (BPE or Unigram), with its `tokenizer_config.json` beside it
 * when present. Ids stay as in the file; the special tokens are found by the config's
 * `bos_token`, `eos_token`, `cls_token`, `sep_token`, `pad_token`, `unk_token` and `mask_token`
 * (RoBERTa's `<s> </s> <pad> <unk> <mask>` by default), and every added special token is
 * reserved, so plain text never produces one. Nothing is downloaded.
 *
 * @param path - a `tokenizer.json` file or a directory holding one
 * @throws FormatError when the file is missing, not JSON, or lacks a special token
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
  let file = path;
  try {
    if ((await stat(path)).isDirectory()) file = join(path, 'tokenizer.json');
  } catch {
    fail(`no such file or directory: ${describe(path)}`);
  }
  let jsonText = '';
  try {
    jsonText = await readFile(file, 'utf8');
  } catch {
    fail(`cannot read ${file}`);
  }
  let json: HfTokenizerJson;
  try {
    json = JSON.parse(jsonText) as HfTokenizerJson;
  } catch (error) {
    return fail(`${file} is not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || typeof json.model !== 'object')
    fail(`${file} has no "model" section`);
  const configPath = join(dirname(file), 'tokenizer_config.json');
  let configText = '{}';
  try {
    configText = await readFile(configPath, 'utf8');
  } catch {
    // optional: RoBERTa's token names are the defaults
  }
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(configText) as Record<string, unknown>;
  } catch (error) {
    return fail(`${configPath} is not JSON (${(error as Error).message})`);
  }

  const codec = await hfCodec(json, config);
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
