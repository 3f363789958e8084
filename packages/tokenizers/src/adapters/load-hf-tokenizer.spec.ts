import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
      new FormatError(`loadHfTokenizer: no such file or directory: "${join(dir, 'nope')}"`),
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
});
