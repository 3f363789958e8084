import { bagOfWordsFeatures, bagOfWordsVocabulary, tokenizeWords } from './bag-of-words';

describe('tokenizeWords', () => {
  it.each([
    ["Don't buy THIS, 10/10!", ["don't", 'buy', 'this', '10', '10']], // the JSDoc example
    ['  Ok\tlor...  ', ['ok', 'lor']],
    ['Größe 5€ café', ['größe', '5', 'café']],
    ['FREE!!! txt 87121', ['free', 'txt', '87121']],
    ["it's o’clock 'quoted'", ["it's", 'o’clock', 'quoted']],
    ['...', []],
  ])('%j → %j', (text, words) => {
    expect(tokenizeWords(text)).toEqual(words);
  });
});

describe('bag-of-words features', () => {
  const train = [
    { text: 'a b', label: 0 },
    { text: 'B c c', label: 1 },
  ];

  it('numbers features by first occurrence in train (the JSDoc example)', () => {
    expect([...bagOfWordsVocabulary(train)]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    expect([...bagOfWordsVocabulary(train, { bigrams: true }).keys()]).toEqual([
      'a',
      'b',
      'a b',
      'c',
      'b c',
      'c c',
    ]);
  });

  it("makes binary rows over the vocabulary, unseen words dropped, a pair's second text apart", () => {
    const vocabulary = bagOfWordsVocabulary(train);
    const x = bagOfWordsFeatures(
      [
        { text: 'c c a zzz', label: 0 },
        { text: '', label: 1 },
      ],
      vocabulary,
    );
    expect([Array.from(x.rowPtr), Array.from(x.cols), x.numCols]).toEqual([[0, 2, 2], [0, 2], 3]);
    const pairs = bagOfWordsVocabulary([{ text: 'a', textPair: 'a b', label: 0 }]);
    expect([...pairs.keys()]).toEqual(['a', '2:a', '2:b']);
  });
});
