/**
 * Generated blocks in hand-written Markdown: a document marks where generated text goes with
 * `<!-- generated:ID -->` … `<!-- /generated:ID -->`, and only the text between those two lines is
 * ever replaced, so the prose around it stays the author's.
 */

const open = (id: string): string => `<!-- generated:${id} -->`;
const close = (id: string): string => `<!-- /generated:${id} -->`;

function occurrences(doc: string, marker: string): number {
  return doc.split(marker).length - 1;
}

/**
 * `doc` with the block `id` replaced by `content` (the marker lines are kept).
 *
 * @param doc - the Markdown document
 * @param id - the block's id (letters, digits and dashes)
 * @param content - the new text of the block, without the markers
 * @throws when `id` is malformed, or the document lacks either marker or has it twice
 * @example
 * ```ts
 * replaceGeneratedBlock('a\n<!-- generated:x -->\nold\n<!-- /generated:x -->\nb', 'x', 'new');
 * // 'a\n<!-- generated:x -->\nnew\n<!-- /generated:x -->\nb'
 * ```
 */
export function replaceGeneratedBlock(doc: string, id: string, content: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    throw new Error(
      `replaceGeneratedBlock: id must be lower-case letters, digits and dashes, got ${JSON.stringify(id)}`,
    );
  }
  for (const marker of [open(id), close(id)]) {
    const n = occurrences(doc, marker);
    if (n !== 1)
      throw new Error(`replaceGeneratedBlock: the document has ${n} "${marker}" lines; it needs exactly one`);
  }
  const start = doc.indexOf(open(id)) + open(id).length;
  const end = doc.indexOf(close(id));
  if (end < start) throw new Error(`replaceGeneratedBlock: "${close(id)}" comes before "${open(id)}"`);
  return `${doc.slice(0, start)}\n${content.trim()}\n${doc.slice(end)}`;
}

/**
 * The body of the `## heading` section of a Markdown document: the text after the heading line up
 * to the next `## ` heading or the end, trimmed; `undefined` when the document has no such section.
 *
 * @param doc - the Markdown document
 * @param heading - the heading's text, without the `## `
 */
export function markdownSection(doc: string, heading: string): string | undefined {
  const lines = doc.split('\n');
  const at = lines.indexOf(`## ${heading}`);
  if (at < 0) return undefined;
  const rest = lines.slice(at + 1);
  const next = rest.findIndex((l) => l.startsWith('## '));
  return (next < 0 ? rest : rest.slice(0, next)).join('\n').trim();
}
