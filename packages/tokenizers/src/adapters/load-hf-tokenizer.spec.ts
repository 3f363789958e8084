import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { describeTokenizerConformance } from '../testing';
import { writeRobertaStyleFixture, writeXlmrStyleFixture } from '../testing/hf-fixtures';
import { loadHfTokenizer } from './load-hf-tokenizer';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-hf-'));
  await writeRobertaStyleFixture(join(dir, 'roberta-toy'));
  await writeXlmrStyleFixture(join(dir, 'xlmr-toy'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const text = 'lower low <mask> lower </s> lowly ';
const samples = { toy: () => text.repeat(3), spelled: () => 'x<s>y <pad><unk>' };
describeTokenizerConformance('hf roberta-format file', () => loadHfTokenizer(join(dir, 'roberta-toy')), {
  samples,
});
describeTokenizerConformance(
  'hf xlm-r-format file',
  () => loadHfTokenizer(join(dir, 'xlmr-toy', 'tokenizer.json')),
  {
    samples: { toy: () => text.trim().repeat(3) },
  },
);

describe('loadHfTokenizer on a roberta-base-format file', () => {
  it('keeps the file ids and finds the specials from tokenizer_config.json', async () => {
    const vocab = await writeRobertaStyleFixture(join(dir, 'again'));
    const tok = await loadHfTokenizer(join(dir, 'again'));
    expect(tok.name).toBe('hf-again');
    expect(tok.specialIds).toEqual({ bos: 0, cls: 0, eos: 2, sep: 2, pad: 1, unk: 3, mask: vocab['<mask>'] });
    // "lower lower" → low er Ġlow er (hand-derived from the merges l o, lo w, e r, Ġ low)
    expect(Array.from(tok.encode('lower lower'))).toEqual([
      0,
      vocab['low'],
      vocab['er'],
      vocab['Ġlow'],
      vocab['er'],
      2,
    ]);
    expect(Array.from(tok.encode('<mask>', { addSpecialTokens: false }))).toEqual(
      ['<', 'm', 'a', 's', 'k', '>'].map((c) => vocab[c]),
    );
  });
});

describe('loadHfTokenizer on an xlm-roberta-base-format file', () => {
  it('runs the Unigram model with Metaspace and RoBERTa default specials', async () => {
    const tok = await loadHfTokenizer(join(dir, 'xlmr-toy'), { name: 'xlmr-toy' });
    expect(tok.specialIds).toEqual({
      bos: 0,
      cls: 0,
      eos: 2,
      sep: 2,
      pad: 1,
      unk: 3,
      mask: tok.vocabSize - 1,
    });
    // ▁lower → ▁low + er (score −2.5 beats any split into characters)
    expect(Array.from(tok.encodePair('lower', 'lower lower'))).toEqual([0, 4, 5, 2, 2, 4, 5, 4, 5, 2]);
    expect(tok.decode(tok.encode('lower lower'), { skipSpecialTokens: true })).toBe('lower lower');
  });

  it('never picks a special piece spelled in the text, and maps unknown characters to <unk>', async () => {
    const tok = await loadHfTokenizer(join(dir, 'xlmr-toy'));
    const ids = Array.from(tok.encode('<mask> zz', { addSpecialTokens: false }));
    expect(ids).not.toContain(tok.specialIds.mask);
    expect(ids.filter((id) => id === tok.specialIds.unk).length).toBeGreaterThan(0);
  });
});

describe('loadHfTokenizer errors', () => {
  it('names a missing path, bad JSON and a missing special token', async () => {
    await expect(loadHfTokenizer(join(dir, 'nope'))).rejects.toThrow(
      `cannot read the tokenizer ${join(dir, 'nope')}: does not exist (ENOENT)`,
    );
    await writeFile(join(dir, 'bad.json'), '{ not json');
    await expect(loadHfTokenizer(join(dir, 'bad.json'))).rejects.toThrow(
      `loadHfTokenizer: ${join(dir, 'bad.json')} is not JSON`,
    );
    await writeRobertaStyleFixture(join(dir, 'nomask'));
    await writeFile(join(dir, 'nomask', 'tokenizer_config.json'), JSON.stringify({ mask_token: '[MASK]' }));
    await expect(loadHfTokenizer(join(dir, 'nomask'))).rejects.toThrow(
      `loadHfTokenizer: ${join(dir, 'nomask', 'tokenizer.json')}: the mask token "[MASK]" is not in the vocabulary`,
    );
  });

  it('names the file when tokenizer.json or tokenizer_config.json is a directory', async () => {
    await mkdir(join(dir, 'nested', 'tokenizer.json'), { recursive: true });
    await expect(loadHfTokenizer(join(dir, 'nested'))).rejects.toThrow(
      `cannot read the tokenizer ${join(dir, 'nested', 'tokenizer.json')}: is a directory, not a file (EISDIR)`,
    );
    await writeRobertaStyleFixture(join(dir, 'cfgdir'));
    await rm(join(dir, 'cfgdir', 'tokenizer_config.json'));
    await mkdir(join(dir, 'cfgdir', 'tokenizer_config.json'));
    await expect(loadHfTokenizer(join(dir, 'cfgdir'))).rejects.toThrow(
      `cannot read the tokenizer config ${join(dir, 'cfgdir', 'tokenizer_config.json')}: is a directory, not a file (EISDIR)`,
    );
  });

  describe('on a malformed tokenizer.json', () => {
    let bpe: { model: Record<string, unknown> } & Record<string, unknown>;
    let unigram: { model: Record<string, unknown> } & Record<string, unknown>;
    beforeAll(async () => {
      bpe = JSON.parse(await readFile(join(dir, 'roberta-toy', 'tokenizer.json'), 'utf8'));
      unigram = JSON.parse(await readFile(join(dir, 'xlmr-toy', 'tokenizer.json'), 'utf8'));
    });
    const withModel = (base: () => Record<string, unknown>, model: Record<string, unknown>) => () => {
      const json = base() as { model: Record<string, unknown> };
      return { ...json, model: { ...json.model, ...model } };
    };

    it.each<[string, () => unknown, string]>([
      [
        'a Unigram [piece, score] list as the vocab of a BPE model',
        () => withModel(() => bpe, { vocab: unigram.model.vocab })(),
        'model.vocab of a BPE model must be an object {token: id}; got a list (the layout of a Unigram vocabulary)',
      ],
      [
        'a BPE model without merges',
        () => withModel(() => bpe, { merges: undefined })(),
        'model.merges of a BPE model must be a list of merges ("a b" or ["a", "b"]); got undefined',
      ],
      [
        'a merge that is not a pair',
        () => withModel(() => bpe, { merges: ['l o', 7] })(),
        'model.merges[1] must be "a b" or ["a", "b"]; got 7',
      ],
      [
        'an id that is not a number',
        () => withModel(() => bpe, { vocab: { a: 'x' } })(),
        'model.vocab["a"] must be an integer id in [0, 2^31); got "x"',
      ],
      [
        'a BPE {token: id} object as the vocab of a Unigram model',
        () => withModel(() => unigram, { vocab: bpe.model.vocab })(),
        'model.vocab of a Unigram model must be a list of [piece, score] pairs; got an object (the layout of a BPE vocabulary)',
      ],
      [
        'a Unigram entry that is not a pair',
        () => withModel(() => unigram, { vocab: [1, 2, 3] })(),
        'model.vocab[0] must be a [piece, score] pair; got 1',
      ],
      [
        'an unknown model type',
        () => withModel(() => bpe, { type: 'Foo' })(),
        'model.type "Foo" is not supported; @huggingface/tokenizers runs BPE, Unigram and WordPiece models',
      ],
      ['a null model', () => ({ ...bpe, model: null }), 'no "model" section; got null'],
      ['a list', () => [1, 2], 'must be a JSON object with a "model" section; got [1, 2]'],
      [
        'added tokens that are not a list',
        () => ({ ...bpe, added_tokens: 'x' }),
        'added_tokens must be a list of { id, content }; got "x"',
      ],
      [
        'an added token without an id',
        () => ({ ...bpe, added_tokens: [{ content: '<s>' }] }),
        'added_tokens[0] must be { id, content } with an integer id in [0, 2^31); got {"content":"<s>"}',
      ],
    ])('%s: FormatError naming the file and what is wrong', async (_, make, what) => {
      const sub = join(dir, 'malformed');
      await mkdir(sub, { recursive: true });
      await writeFile(join(sub, 'tokenizer.json'), JSON.stringify(make()));
      await expect(loadHfTokenizer(sub)).rejects.toThrow(
        new FormatError(`loadHfTokenizer: ${join(sub, 'tokenizer.json')}: ${what}`),
      );
    });

    it('rejects a tokenizer_config.json that is not an object, naming it', async () => {
      await writeRobertaStyleFixture(join(dir, 'cfgnull'));
      await writeFile(join(dir, 'cfgnull', 'tokenizer_config.json'), 'null');
      await expect(loadHfTokenizer(join(dir, 'cfgnull'))).rejects.toThrow(
        new FormatError(
          `loadHfTokenizer: ${join(dir, 'cfgnull', 'tokenizer_config.json')} must hold a JSON object; got null`,
        ),
      );
    });
  });
});
