import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError, type TextDocument } from '@ksub/core';
import { acquireLock, LockedError } from '@ksub/core/node';
import { getTokenizer } from '@ksub/tokenizers';
import type { CorpusSource } from '../sources/corpus-source';
import { udhrSource } from '../sources/builtin-sources';
import { MANIFEST_FILE, readManifest } from './manifest';
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
    // loading the 200k-token o200k tokenizer takes seconds, more on a shared machine
  }, 60_000);

  it('names the shard on a file-system error other than a missing file', async () => {
    const out = join(dir, 'shard-is-dir');
    const tokenizer = await getTokenizer('roberta-gpt2');
    const docs = [{ id: 'a', text: 'Hello world.' }];
    const manifest = await packCorpus({ source: listSource(docs), tokenizer, outDir: out, progress: false });
    const path = join(out, manifest.shards[0]?.file ?? '');
    await rm(path);
    await mkdir(path);
    await expect((await openCorpus(out)).verify()).rejects.toThrow(
      `cannot read the shard ${path}: is a directory, not a file (EISDIR)`,
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

describe('packCorpus --out safety', () => {
  const docs = [{ id: 'a', text: 'Hello world.' }];
  const pack = async (outDir: string, force?: boolean) =>
    packCorpus({
      source: listSource(docs),
      tokenizer: await getTokenizer('roberta-gpt2'),
      outDir,
      progress: false,
      validationFraction: 0,
      ...(force === undefined ? {} : { force }),
    });

  it('refuses to replace a directory of the user files, even with force, and leaves it byte for byte', async () => {
    const out = join(dir, 'users-notes');
    await mkdir(out);
    await writeFile(join(out, 'thesis.txt'), 'three years of work');
    for (const force of [false, true]) {
      await expect(pack(out, force)).rejects.toThrow(
        `packCorpus: outDir ${out} must be absent or a ksub corpus; got a directory of 1 entry (thesis.txt) with no corpus manifest; nothing was changed`,
      );
      expect(await readdir(out)).toEqual(['thesis.txt']);
      expect(await readFile(join(out, 'thesis.txt'), 'utf8')).toBe('three years of work');
    }
    expect((await readdir(dir)).filter((f) => f.startsWith('users-notes.'))).toEqual([]);
  });

  it('refuses to replace a file, even with force', async () => {
    const out = join(dir, 'a-file');
    await writeFile(out, 'not a corpus');
    await expect(pack(out, true)).rejects.toThrow(
      `packCorpus: outDir ${out} must be absent or a ksub corpus; got a file of 12 bytes; nothing was changed`,
    );
    expect(await readFile(out, 'utf8')).toBe('not a corpus');
  });

  it('refuses a directory whose manifest is not a valid ksub corpus manifest', async () => {
    const out = join(dir, 'fake-corpus');
    await mkdir(out);
    await writeFile(join(out, MANIFEST_FILE), '{"format": "ksub-corpus", "version": 1}');
    await expect(pack(out, true)).rejects.toThrow(
      /must be absent or a ksub corpus; got a directory of 1 entry/,
    );
    expect(await readFile(join(out, MANIFEST_FILE), 'utf8')).toBe('{"format": "ksub-corpus", "version": 1}');
  });

  it('replaces its own corpus only with force, and leaves nothing beside it', async () => {
    const out = join(dir, 'own');
    const first = await pack(out);
    await expect(pack(out)).rejects.toThrow(
      `packCorpus: outDir ${out} already holds a ksub corpus (list, tokenizer roberta-gpt2, 5 tokens); pass --force (force: true) to replace it`,
    );
    expect(await readManifest(out)).toEqual(first);
    await writeFile(join(out, 'stray.txt'), 'x'); // a corpus is still ours with an extra file in it
    const second = await pack(out, true);
    expect(await readManifest(out)).toEqual(second);
    expect(await readdir(out)).not.toContain('stray.txt');
    expect((await readdir(dir)).filter((f) => f.startsWith('own.'))).toEqual([]);
  });

  it('leaves nothing behind when packing fails', async () => {
    const failing: CorpusSource = {
      name: 'failing',
      description: 'throws after one document',
      async *documents() {
        yield { id: 'a', text: 'Hello.' };
        throw new Error('disk on fire');
      },
    };
    const out = join(dir, 'failed');
    await expect(
      packCorpus({
        source: failing,
        tokenizer: await getTokenizer('roberta-gpt2'),
        outDir: out,
        progress: false,
      }),
    ).rejects.toThrow('disk on fire');
    expect((await readdir(dir)).filter((f) => f.startsWith('failed'))).toEqual([]);
  });

  it('says so when the parent of outDir is a file', async () => {
    const file = join(dir, 'parent-file');
    await writeFile(file, 'x');
    await expect(pack(join(file, 'out'))).rejects.toThrow(
      `packCorpus: the parent of outDir ${join(file, 'out')} must be a directory; got a file at ${file}`,
    );
  });

  it('takes an empty directory', async () => {
    const out = join(dir, 'empty');
    await mkdir(out);
    await pack(out);
    expect(await readdir(out)).toContain(MANIFEST_FILE);
  });
});

describe('packCorpus lock', () => {
  it('fails at once, naming the holder, when another packing into the same directory runs', async () => {
    const out = join(dir, 'locked');
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow: CorpusSource = {
      name: 'slow',
      description: 'waits for the test',
      async *documents() {
        started();
        await gate;
        yield { id: 'a', text: 'Hello.' };
      },
    };
    const tokenizer = await getTokenizer('roberta-gpt2');
    const first = packCorpus({ source: slow, tokenizer, outDir: out, progress: false });
    await running;
    const second = packCorpus({ source: listSource([]), tokenizer, outDir: out, progress: false });
    await expect(second).rejects.toThrow(LockedError);
    await expect(second).rejects.toThrow(
      `${out}.lock is locked by corpus:prepare (pid ${process.pid} on ${hostname()}`,
    );
    open();
    await first;
    expect(await readdir(dir)).not.toContain('locked.lock'); // released
    await packCorpus({ source: listSource([]), tokenizer, outDir: out, progress: false, force: true });
  });

  it('refuses while another process holds the lock', async () => {
    const out = join(dir, 'held');
    const lock = await acquireLock(`${out}.lock`, 'corpus:prepare');
    try {
      await expect(
        packCorpus({ source: listSource([]), tokenizer: await getTokenizer('roberta-gpt2'), outDir: out }),
      ).rejects.toThrow(LockedError);
      expect(await readdir(dir)).not.toContain('held');
    } finally {
      await lock.release();
    }
  });
});
