import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getTokenizer, loadHfTokenizer } from '@ksub/tokenizers';
import '../register';
import { packCorpus } from '../shards/pack-corpus';
import { getCorpus, listCorpora } from '../sources/registry';
import { textFilesSource } from '../sources/text-files-source';

const USAGE = `usage: nx run corpus:prepare -- [--corpus NAME | --files PATH[,PATH…]] [--tokenizer NAME | --tokenizer-file PATH]
                                  [--out DIR [--force]] [--max-length N] [--validation F] [--shard-tokens N]
--out DIR must not exist, be empty, or hold a corpus this command wrote; --force replaces such a
corpus (nothing else is ever replaced).`;

/** `nx run corpus:prepare`: tokenizes and packs a corpus into shards and prints the counts. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: 'english-offline' },
      files: { type: 'string' },
      tokenizer: { type: 'string', default: 'roberta-gpt2' },
      'tokenizer-file': { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      'max-length': { type: 'string', default: '128' },
      validation: { type: 'string', default: '0.01' },
      'shard-tokens': { type: 'string', default: String(4 * 1024 * 1024) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\ncorpora: ${listCorpora().join(', ')}\n`);
    return;
  }
  const source =
    values.files !== undefined
      ? textFilesSource(values.files.split(','))
      : getCorpus(values.corpus as string);
  const tokenizer =
    values['tokenizer-file'] !== undefined
      ? await loadHfTokenizer(values['tokenizer-file'])
      : await getTokenizer(values.tokenizer as string);
  const number = (name: string, text: string | undefined): number => {
    const n = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isFinite(n))
      throw new RangeError(`prepare: --${name} must be a number; got ${JSON.stringify(text)}`);
    return n;
  };
  const outDir = resolve(values.out ?? `data/${source.name}-${tokenizer.name}`);
  const started = Date.now();
  const manifest = await packCorpus({
    source,
    tokenizer,
    outDir,
    force: values.force === true,
    maxLength: number('max-length', values['max-length']),
    validationFraction: number('validation', values.validation),
    shardTokens: number('shard-tokens', values['shard-tokens']),
  });
  const seconds = (Date.now() - started) / 1000;
  const { documents, tokens, sequences, inputsSkipped } = manifest.counts;
  const total = tokens.train + tokens.validation;
  const skipped =
    Object.entries(inputsSkipped)
      .map(([r, n]) => `${r} ${n}`)
      .join(', ') || 'none';
  process.stdout.write(
    [
      `packed ${source.name} with ${tokenizer.id} into ${outDir}`,
      `documents: ${documents.read} read = ${documents.train} train + ${documents.validation} validation + ${documents.empty} empty`,
      `inputs skipped: ${skipped}`,
      `sequences (≤ ${manifest.maxLength} tokens): ${sequences.train} train, ${sequences.validation} validation`,
      `tokens: ${total} (${tokens.train} train, ${tokens.validation} validation), ${manifest.shards.length} shards, ${manifest.bytesPerToken} bytes/token`,
      `time: ${seconds.toFixed(1)} s, ${Math.round(total / seconds)} tokens/s`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`prepare: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
