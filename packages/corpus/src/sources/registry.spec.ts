import { RegistryError } from '@ksub/core';
import '../register';
import { englishOffline } from './builtin-sources';
import { getCorpus, listCorpora, registerCorpus, unregisterCorpus } from './registry';

describe('corpus registry', () => {
  afterEach(() => unregisterCorpus('test-corpus'));

  it('has the built-ins and returns them by name', () => {
    expect(listCorpora()).toEqual(expect.arrayContaining(['english-offline', 'udhr']));
    expect(getCorpus('english-offline').name).toBe('english-offline');
  });

  it('throws on duplicates, unknown and malformed names', () => {
    registerCorpus('test-corpus', englishOffline);
    expect(() => registerCorpus('test-corpus', englishOffline)).toThrow(
      new RegistryError('registerCorpus: a corpus named "test-corpus" is already registered'),
    );
    expect(() => getCorpus('englsh')).toThrow(
      /getCorpus: no corpus named "englsh"; known: .*english-offline/,
    );
    expect(() => registerCorpus('Bad', englishOffline)).toThrow(TypeError);
  });
});
