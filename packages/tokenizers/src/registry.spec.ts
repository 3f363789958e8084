import { RegistryError } from '@ksub/core';
import './register';
import { getTokenizer, listTokenizers, registerTokenizer, unregisterTokenizer } from './registry';
import type { Tokenizer } from './tokenizer';

describe('tokenizer registry', () => {
  afterEach(() => {
    unregisterTokenizer('test-tok');
  });

  it('has the built-ins', () => {
    expect(listTokenizers()).toEqual(expect.arrayContaining(['roberta-gpt2', 'xlmr-o200k']));
  });

  it('loads once and shares the instance', async () => {
    let loads = 0;
    const fake = { name: 'test-tok' } as Tokenizer;
    registerTokenizer('test-tok', async () => {
      loads++;
      return fake;
    });
    expect(await getTokenizer('test-tok')).toBe(fake);
    expect(await getTokenizer('test-tok')).toBe(fake);
    expect(loads).toBe(1);
  });

  it('retries a load that failed', async () => {
    let calls = 0;
    registerTokenizer('test-tok', async () => {
      calls++;
      if (calls === 1) throw new Error('disk hiccup');
      return { name: 'test-tok' } as Tokenizer;
    });
    await expect(getTokenizer('test-tok')).rejects.toThrow('disk hiccup');
    await expect(getTokenizer('test-tok')).resolves.toMatchObject({ name: 'test-tok' });
  });

  it('throws on duplicates and unknown names, and rejects malformed names', async () => {
    expect(() => registerTokenizer('roberta-gpt2', async () => ({}) as Tokenizer)).toThrow(
      new RegistryError('registerTokenizer: a tokenizer named "roberta-gpt2" is already registered'),
    );
    await expect(getTokenizer('roberta')).rejects.toThrow(
      /getTokenizer: no tokenizer named "roberta"; known: .*roberta-gpt2/,
    );
    expect(() => registerTokenizer('Bad Name', async () => ({}) as Tokenizer)).toThrow(TypeError);
  });
});
