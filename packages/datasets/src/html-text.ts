const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Decodes the HTML character references found in the text of well-formed pages (named ones for
 * markup characters, decimal and hexadecimal numeric ones); unknown names stay as written.
 *
 * @example
 * ```ts
 * decodeEntities('A &amp; B &#x26; C &#8212;'); // 'A & B & C —'
 * ```
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return NAMED[body] ?? whole;
  });
}

/**
 * The text inside every `<tag>…</tag>` element of `html`, in document order, with nested markup
 * removed, entities decoded and white space collapsed. For the simple, regular pages this project
 * reads (UDHR, LibreOffice help); not a general HTML parser.
 *
 * @example
 * ```ts
 * elementTexts('<p>a <b>b</b></p><p>c</p>', 'p'); // ['a b', 'c']
 * ```
 */
export function elementTexts(html: string, tag: string): string[] {
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(pattern)].map((m) =>
    decodeEntities((m[1] ?? '').replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
