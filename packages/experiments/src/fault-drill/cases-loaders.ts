import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { readNpy, readSafetensors, readTfjsWeight } from '@ksub/pretrained';
import { loadHfTokenizer } from '@ksub/tokenizers';
import { type DrillCase, type DrillOutcome, lastLine, runCli } from './drill-case';

const ALLOCATE_CLI = 'packages/experiments/src/cli/allocate.ts';

/** Runs `op` and returns its value or its error. */
async function settle<T>(op: () => Promise<T>): Promise<{ value?: T; error?: Error }> {
  try {
    return { value: await op() };
  } catch (error) {
    return { error: error as Error };
  }
}

/** Runs `op` and returns its error (undefined when it succeeded). */
const errorOf = async (op: () => Promise<unknown>): Promise<Error | undefined> => (await settle(op)).error;

/** ok when `error` is a FormatError whose message includes every one of `parts`. */
function formatErrorWith(error: Error | undefined, parts: readonly string[]): DrillOutcome {
  const ok = error instanceof FormatError && parts.every((p) => error.message.includes(p));
  return { ok, observed: error === undefined ? 'no error' : `${error.name}: ${error.message}` };
}

/** A safetensors file: u64 LE header length, the header JSON, then `dataBytes` bytes (sparse). */
async function safetensorsFile(path: string, header: unknown, dataBytes: number): Promise<number> {
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(json.length));
  const handle = await open(path, 'w');
  try {
    await handle.write(Buffer.concat([head, json]), 0, 8 + json.length, 0);
    await handle.truncate(8 + json.length + dataBytes); // zeros, without writing them to disk
  } finally {
    await handle.close();
  }
  return 8 + json.length;
}

const gloveTruncated: DrillCase = {
  id: 'glove-truncated',
  defect: 3,
  action:
    'allocate --method clustered --embeddings glove:FILE where FILE is a GloVe JSON cut in the middle of a word of "vectors"',
  expected:
    'exit 1 within seconds (it used to loop forever): FormatError naming FILE, the byte where it ends and "truncated"',
  async run(dir) {
    const full = JSON.stringify({
      precision: 8,
      size: 2,
      dimensions: 3,
      words: ['the', 'cat'],
      vectors: { the: [1, 2, 3, 3.74, 0], cat: [4, 5, 6, 8.77, 1] },
      unkVector: [0, 0, 0, 0, -1],
    });
    const cut = full.indexOf('"cat":[') + 3; // inside the word "cat" of "vectors"
    const file = join(dir, 'glove.json');
    await writeFile(file, full.slice(0, cut));
    const args = ['--method', 'clustered', '--k', '2', '--rows', '64', '--embeddings', `glove:${file}`];
    const r = runCli(ALLOCATE_CLI, [...args, '--out', join(dir, 'out.alloc')], { timeoutMs: 60_000 });
    const expected = `readGloveAligned: ${file}: at byte ${cut}: the file ends inside a word after the vector of "the" (truncated?)`;
    return {
      ok: r.signal === null && r.status === 1 && r.stderr.includes(expected),
      observed: `${r.signal === null ? `exit ${r.status}` : `killed (${r.signal}) after the time limit`} in ${r.seconds.toFixed(1)} s: ${lastLine(r.stderr)}`,
    };
  },
};

const safetensorsOver2GiB: DrillCase = {
  id: 'safetensors-over-2gib',
  defect: 6,
  action:
    'readSafetensors on a tensor of 2 GiB + 1 KiB (F64 [2097153, 128], a sparse file with values at the start, across the 2 GiB mark and at the end)',
  expected:
    'the matrix is read (in 64 MiB reads) with those values in place; Node no longer aborts on args[3]->IsInt32()',
  async run(dir) {
    const [rows, cols] = [2 ** 21 + 1, 128];
    const bytes = rows * cols * 8;
    const path = join(dir, 'big.safetensors');
    const dataStart = await safetensorsFile(
      path,
      { w: { dtype: 'F64', shape: [rows, cols], data_offsets: [0, bytes] } },
      bytes,
    );
    const marks = [0, 2 ** 31 / 8 - 1, 2 ** 31 / 8, rows * cols - 1]; // element indices
    const handle = await open(path, 'r+');
    try {
      for (const [i, at] of marks.entries()) {
        const value = Buffer.alloc(8);
        value.writeDoubleLE(i + 1.5);
        await handle.write(value, 0, 8, dataStart + at * 8);
      }
    } finally {
      await handle.close();
    }
    const { value: matrix, error } = await settle(() => readSafetensors(path, 'w'));
    if (matrix === undefined) return { ok: false, observed: `${error?.name}: ${error?.message}` };
    const values = marks.map((at) => matrix.data[at]);
    return {
      ok:
        matrix.rows === rows && matrix.cols === cols && values.join() === marks.map((_, i) => i + 1.5).join(),
      observed: `read ${matrix.rows} × ${matrix.cols} (${bytes} bytes); values at the marks: ${values.join(', ')}`,
    };
  },
};

const safetensorsNegativeOffsets: DrillCase = {
  id: 'safetensors-negative-offsets',
  defect: 6,
  action: 'readSafetensors on a file whose tensor has data_offsets [-16, 0] (pointing back into the header)',
  expected: 'FormatError naming the file, the tensor and the offsets; no header bytes returned as weights',
  async run(dir) {
    const path = join(dir, 'neg.safetensors');
    await safetensorsFile(path, { w: { dtype: 'F32', shape: [2, 2], data_offsets: [-16, 0] } }, 16);
    return formatErrorWith(await errorOf(() => readSafetensors(path, 'w')), [
      path,
      'tensor "w"',
      'data_offsets [-16, 0] must be two non-negative integers',
    ]);
  },
};

const tokenizerJsonMalformed: DrillCase = {
  id: 'tokenizer-json-malformed',
  defect: 8,
  action:
    'loadHfTokenizer on a BPE tokenizer.json whose model.vocab is a Unigram [[piece, score], …] list, one without merges, and a directory named tokenizer.json',
  expected:
    'FormatError naming the file and what is wrong (vocab shape, merges missing); the directory: "cannot read the tokenizer PATH: is a directory, not a file (EISDIR)"',
  async run(dir) {
    const write = async (name: string, model: Record<string, unknown>) => {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'tokenizer.json'), JSON.stringify({ added_tokens: [], model }));
      return join(dir, name, 'tokenizer.json');
    };
    const listVocab = await write('list-vocab', {
      type: 'BPE',
      vocab: [
        ['<s>', 0],
        ['a', -1],
      ],
      merges: [],
    });
    const noMerges = await write('no-merges', { type: 'BPE', vocab: { '<s>': 0, a: 1 } });
    await mkdir(join(dir, 'nested', 'tokenizer.json'), { recursive: true });
    const outcomes = [
      formatErrorWith(await errorOf(() => loadHfTokenizer(join(dir, 'list-vocab'))), [
        listVocab,
        'model.vocab of a BPE model must be an object {token: id}; got a list',
      ]),
      formatErrorWith(await errorOf(() => loadHfTokenizer(join(dir, 'no-merges'))), [
        noMerges,
        'model.merges of a BPE model must be a list',
      ]),
    ];
    const nested = await errorOf(() => loadHfTokenizer(join(dir, 'nested')));
    const namesDir =
      nested?.message ===
      `cannot read the tokenizer ${join(dir, 'nested', 'tokenizer.json')}: is a directory, not a file (EISDIR)`;
    return {
      ok: outcomes.every((o) => o.ok) && namesDir,
      observed: [...outcomes.map((o) => o.observed), nested?.message ?? 'no error'].join(' / '),
    };
  },
};

const npyAndTfjsDamaged: DrillCase = {
  id: 'npy-tfjs-damaged',
  defect: 'extra',
  action:
    'readNpy on a version-2 .npy cut inside its header length; readTfjsWeight on a model.json whose group has no weights list',
  expected:
    'FormatError naming each file and what is wrong (no RangeError or "is not iterable" without a file)',
  async run(dir) {
    const npy = join(dir, 'cut.npy');
    await writeFile(npy, Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 7, 0]));
    const model = join(dir, 'model.json');
    await writeFile(model, JSON.stringify({ weightsManifest: [{ paths: ['w.bin'] }] }));
    const outcomes = [
      formatErrorWith(await errorOf(() => readNpy(npy)), [
        npy,
        'the file ends at byte 10, inside the header length',
      ]),
      formatErrorWith(await errorOf(() => readTfjsWeight(model, 'e')), [
        model,
        'weightsManifest[0].weights must be a list; got undefined',
      ]),
    ];
    return { ok: outcomes.every((o) => o.ok), observed: outcomes.map((o) => o.observed).join(' / ') };
  },
};

/** The fault-drill cases of the pretrained-embedding and tokenizer loaders (docs/reliability.md). */
export const loaderCases: readonly DrillCase[] = [
  gloveTruncated,
  safetensorsOver2GiB,
  safetensorsNegativeOffsets,
  tokenizerJsonMalformed,
  npyAndTfjsDamaged,
];
