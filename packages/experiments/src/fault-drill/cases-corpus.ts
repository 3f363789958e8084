import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { acquireLock } from '@ksub/core/node';
import { MANIFEST_FILE, openCorpus, readManifest } from '@ksub/corpus';
import { type DrillCase, expectCliError, lastLine, runCli } from './drill-case';

const PREPARE_CLI = 'packages/corpus/src/cli/prepare.ts';

/** A small text to pack: the `--files` argument for it and an `--out` not yet there. */
interface SmallText {
  /** A directory of two documents, `dir/text`. */
  readonly files: string;
  /** `dir/corpus`. */
  readonly out: string;
}

/** Writes a two-document text corpus into `dir`. */
async function smallText(dir: string): Promise<SmallText> {
  const files = join(dir, 'text');
  await mkdir(files, { recursive: true });
  await writeFile(join(files, 'a.txt'), 'The quick brown fox jumps over the lazy dog.');
  await writeFile(join(files, 'b.txt'), 'All human beings are born free and equal in dignity and rights.');
  return { files, out: join(dir, 'corpus') };
}

const prepare = (files: string, out: string, ...extra: string[]) =>
  runCli(PREPARE_CLI, ['--files', files, '--out', out, ...extra]);

const outIsUsersDirectory: DrillCase = {
  id: 'corpus-out-existing-dir',
  defect: 1,
  action:
    "corpus:prepare --out DIR where DIR is a directory of the user's files, then again with --force; and --out FILE --force",
  expected:
    "exit 1 each time naming DIR (or FILE) and what is there, nothing changed: the user's files are still there byte for byte",
  async run(dir) {
    const { files } = await smallText(dir);
    const notes = join(dir, 'notes');
    await mkdir(notes);
    const thesis = Buffer.from('three years of work\n\u0000binary tail\u00ff');
    await writeFile(join(notes, 'thesis.txt'), thesis);
    const file = join(dir, 'todo.txt');
    await writeFile(file, 'buy milk');
    const plain = prepare(files, notes);
    const forced = prepare(files, notes, '--force');
    const onFile = prepare(files, file, '--force');
    const intact =
      (await readdir(notes)).join() === 'thesis.txt' &&
      (await readFile(join(notes, 'thesis.txt'))).equals(thesis) &&
      (await readFile(file, 'utf8')) === 'buy milk' &&
      (await readdir(dir)).sort().join() === 'notes,text,todo.txt';
    const refused = (r: typeof plain, path: string, what: string) =>
      r.status === 1 && r.stderr.includes(`outDir ${path} must be absent or a ksub corpus; got ${what}`);
    return {
      ok:
        refused(plain, notes, 'a directory of 1 entry (thesis.txt)') &&
        refused(forced, notes, 'a directory of 1 entry (thesis.txt)') &&
        refused(onFile, file, 'a file of 8 bytes') &&
        intact,
      observed: `exit ${plain.status} / ${forced.status} (--force) / ${onFile.status} (file): "${lastLine(forced.stderr)}"; user's files intact: ${intact}`,
    };
  },
};

const outIsOwnCorpus: DrillCase = {
  id: 'corpus-out-own-corpus',
  defect: 1,
  action: 'corpus:prepare into DIR twice (the second time from other text), then again with --force',
  expected:
    'the second run exits 1 saying DIR holds a ksub corpus and to pass --force, leaving it as it was; with --force it is replaced, nothing left beside it',
  async run(dir) {
    const { files, out } = await smallText(dir);
    const first = prepare(files, out);
    const before = await readManifest(out);
    await writeFile(join(files, 'c.txt'), 'A third document, so the corpus differs.');
    const again = prepare(files, out);
    const unchanged = JSON.stringify(await readManifest(out)) === JSON.stringify(before);
    const forced = prepare(files, out, '--force');
    const after = await readManifest(out);
    const beside = (await readdir(dir)).filter((f) => f !== 'text' && f !== 'corpus');
    return {
      ok:
        first.status === 0 &&
        again.status === 1 &&
        again.stderr.includes(`outDir ${out} already holds a ksub corpus`) &&
        again.stderr.includes('pass --force') &&
        unchanged &&
        forced.status === 0 &&
        after.counts.documents.read === 3 &&
        beside.length === 0,
      observed: `exit ${first.status}, ${again.status} ("${lastLine(again.stderr)}"), ${forced.status} with --force; documents ${before.counts.documents.read} → ${after.counts.documents.read}; left beside: [${beside.join(', ')}]`,
    };
  },
};

const concurrentPackings: DrillCase = {
  id: 'corpus-two-packings-one-dir',
  defect: 2,
  action:
    'corpus:prepare --out DIR while another packing into DIR holds its lock (held by the drill process)',
  expected:
    'exit 1 at once with a LockedError naming DIR.lock and the holder (corpus:prepare, pid, host); DIR not created',
  async run(dir) {
    const { files, out } = await smallText(dir);
    const lock = await acquireLock(`${out}.lock`, 'corpus:prepare');
    let r;
    try {
      r = prepare(files, out);
    } finally {
      await lock.release();
    }
    const holder = `${out}.lock is locked by corpus:prepare (pid ${process.pid} on ${hostname()}`;
    return expectCliError(r, [holder], { within: 30, also: !existsSync(out) });
  },
};

const blankHeavyJsonl: DrillCase = {
  id: 'corpus-blank-heavy-jsonl',
  defect: 6,
  action: 'corpus:prepare --files a 200 MiB .jsonl of blank lines with a record every MiB',
  expected: 'packs the 200 records (streamed line by line; before, String.split crashed the process)',
  async run(dir) {
    const file = join(dir, 'sparse.jsonl');
    const block = Buffer.alloc(1 << 20, 10); // 1 MiB of '\n'
    const handle = await open(file, 'w');
    try {
      for (let i = 0; i < 200; i++) {
        await handle.write(block);
        await handle.write(`{"id": "r${i}", "text": "Record ${i} among the blank lines."}\n`);
      }
    } finally {
      await handle.close();
    }
    const out = join(dir, 'corpus');
    const r = runCli(PREPARE_CLI, ['--files', file, '--out', out, '--validation', '0']);
    const documents = r.status === 0 ? (await readManifest(out)).counts.documents : undefined;
    return {
      ok: r.status === 0 && documents?.read === 200 && documents.train === 200,
      observed:
        r.status === 0
          ? `exit 0 in ${r.seconds.toFixed(1)} s, ${documents?.read} documents read`
          : `exit ${r.status} (signal ${r.signal}) after ${r.seconds.toFixed(1)} s: "${lastLine(r.stderr)}"`,
    };
  },
};

const manifestWithoutCounts: DrillCase = {
  id: 'corpus-manifest-without-counts',
  defect: 8,
  action:
    'open a packed corpus whose manifest.json lost its "counts" (openCorpus, and corpus:prepare --force onto it)',
  expected:
    'a FormatError naming manifest.json and "counts" (not "Cannot read properties of undefined"); prepare refuses to replace a directory that is not a valid corpus',
  async run(dir) {
    const { files, out } = await smallText(dir);
    prepare(files, out);
    const path = join(out, MANIFEST_FILE);
    const { counts: _, ...broken } = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify(broken));
    let opened = 'opened';
    let isFormatError = false;
    try {
      await openCorpus(out);
    } catch (error) {
      opened = (error as Error).message;
      isFormatError = error instanceof FormatError;
    }
    const r = prepare(files, out, '--force');
    return {
      ok:
        isFormatError &&
        opened.includes(`(${path}): counts: Invalid input: expected object`) &&
        r.status === 1 &&
        r.stderr.includes(`whose manifest.json is not a ksub corpus manifest`) &&
        existsSync(path),
      observed: `openCorpus: "${opened}"; prepare --force: exit ${r.status}`,
    };
  },
};

const outUnderAFile: DrillCase = {
  id: 'corpus-out-under-a-file',
  defect: 8,
  action:
    'corpus:prepare --out FILE/sub, where FILE is a file; and open a corpus whose manifest.json is a directory',
  expected: 'exit 1 naming FILE as a file, not a directory; the open names manifest.json and EISDIR',
  async run(dir) {
    const { files } = await smallText(dir);
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const r = prepare(files, join(file, 'sub'));
    const odd = join(dir, 'odd');
    await mkdir(join(odd, MANIFEST_FILE), { recursive: true });
    let opened = 'opened';
    try {
      await openCorpus(odd);
    } catch (error) {
      opened = (error as Error).message;
    }
    return {
      ok:
        r.status === 1 &&
        lastLine(r.stderr).includes(`must be a directory; got a file at ${file}`) &&
        opened ===
          `cannot read the corpus manifest ${join(odd, MANIFEST_FILE)}: is a directory, not a file (EISDIR)`,
      observed: `prepare: exit ${r.status}, "${lastLine(r.stderr)}"; openCorpus: "${opened}"`,
    };
  },
};

/** Fault-drill cases for corpus packing and reading: the output directory, its lock, large inputs, manifests. */
export const corpusCases: readonly DrillCase[] = [
  outIsUsersDirectory,
  outIsOwnCorpus,
  concurrentPackings,
  blankHeavyJsonl,
  manifestWithoutCounts,
  outUnderAFile,
];
