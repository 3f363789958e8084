import { decodeEntities, elementTexts } from './html-text';

describe('decodeEntities', () => {
  it.each([
    ['A &amp; B', 'A & B'],
    ['&#x26;&#38;', '&&'],
    ['&lt;s&gt;', '<s>'],
    ['&#x1F600;', '\u{1F600}'],
    ['&unknown; stays', '&unknown; stays'],
  ])('%s → %s', (input, output) => {
    expect(decodeEntities(input)).toBe(output);
  });
});

describe('elementTexts', () => {
  it('returns element texts in order, without nested markup, collapsed', () => {
    const html = '<div><p class="x">one <b>two</b>\n  three</p><li>item</li><p>four &amp; five</p></div>';
    expect(elementTexts(html, 'p')).toEqual(['one two three', 'four & five']);
    expect(elementTexts(html, 'li')).toEqual(['item']);
  });

  it('does not confuse a tag with a longer one of the same prefix', () => {
    expect(elementTexts('<pre>x</pre><p>y</p>', 'p')).toEqual(['y']);
  });
});
