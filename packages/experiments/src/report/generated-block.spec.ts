import { markdownSection, replaceGeneratedBlock } from './generated-block';

describe('generated blocks', () => {
  const doc = [
    '# T',
    'prose',
    '<!-- generated:claims -->',
    'old 1',
    'old 2',
    '<!-- /generated:claims -->',
    'after',
  ].join('\n');

  it('replaces only the text between the markers', () => {
    expect(replaceGeneratedBlock(doc, 'claims', '- new\n')).toBe(
      ['# T', 'prose', '<!-- generated:claims -->', '- new', '<!-- /generated:claims -->', 'after'].join(
        '\n',
      ),
    );
  });

  it('is idempotent: replacing with the same content changes nothing', () => {
    const once = replaceGeneratedBlock(doc, 'claims', 'x');
    expect(replaceGeneratedBlock(once, 'claims', 'x')).toBe(once);
  });

  it('refuses a missing, doubled or reversed marker and a malformed id', () => {
    expect(() => replaceGeneratedBlock('text', 'claims', 'x')).toThrow(
      'replaceGeneratedBlock: the document has 0 "<!-- generated:claims -->" lines; it needs exactly one',
    );
    expect(() => replaceGeneratedBlock(`${doc}\n${doc}`, 'claims', 'x')).toThrow('has 2');
    expect(() => replaceGeneratedBlock('<!-- /generated:c -->\n<!-- generated:c -->', 'c', 'x')).toThrow(
      'comes before',
    );
    expect(() => replaceGeneratedBlock(doc, 'Bad id', 'x')).toThrow('got "Bad id"');
  });
});

describe('markdownSection', () => {
  const md = '# T\n\n## A\n\n- one\n- two\n\n## B\n\nb text\n';

  it('returns the section body up to the next second-level heading, or to the end', () => {
    expect(markdownSection(md, 'A')).toBe('- one\n- two');
    expect(markdownSection(md, 'B')).toBe('b text');
    expect(markdownSection(md, 'C')).toBeUndefined();
  });
});
