import { comparePaired } from './evidence/compare';
import { averageDifference, type AverageInterval } from './evidence/language-average';
import { type Delta, formatDelta } from './evidence/language-deltas';
import type { ProtocolRuns } from './evidence/protocol-runs';
import { completeLanguages, type Table4Section } from './table4';
import { formatSignedPoints } from '../report/number-format';

/** `-2.1 points [-3.5, -0.7]`, as Tables 2–3's sentences give a size. */
const size = (d: Delta) => formatSignedPoints(d.estimate, d.low, d.high);

const excludesZero = (d: Delta) => d.low > 0 || d.high < 0;

/** The sentence Tables 2–3 write for one difference, at `where` (a language, or the language average). */
function claim(protocol: string, where: string, id: string, reference: string, d: Delta): string {
  if (!excludesZero(d))
    return `${protocol}, ${where}: ${id} and ${reference} cannot be told apart: accuracy ${size(d)}; the interval includes zero.`;
  const verb = d.estimate < 0 ? 'scores below' : 'scores above';
  return `${protocol}, ${where}: ${id} ${verb} ${reference}: accuracy ${size(d)} — supported (the interval excludes zero).`;
}

/**
 * The differences of one protocol: each variant's and the majority-class control's held-out
 * accuracy minus the reference's (the first variant, full), per language — the seed-averaged
 * difference on that language's examples, 95% paired bootstrap — and on the average over languages
 * (`averageDifference`: positions resampled jointly across languages when their held-out sets have
 * one size, else standard errors combined). The sentences call a difference supported only when
 * its interval excludes zero: the average for every row, and for the variants each language whose
 * interval excludes zero, then those where it does not in one sentence. Undefined when the
 * reference has no held-out runs.
 *
 * @throws RangeError when two models scored different examples of a language
 * @example
 * ```ts
 * const deltas = renderDeltas(section); // { table, claims } or undefined
 * ```
 */
export function renderDeltas(
  section: Table4Section,
): { table: string; claims: string[]; methods: ReadonlySet<AverageInterval['method']> } | undefined {
  const { protocol, languages } = section;
  const reference = section.variants[0] ?? 'full';
  const ref = section.runs.get(reference);
  if (ref === undefined) return undefined;
  const refAll = completeLanguages(ref, languages);
  const entries: { id: string; name: string; runs: ProtocolRuns; control: boolean }[] = [
    ...section.variants.slice(1).flatMap((v) => {
      const runs = section.runs.get(v);
      return runs === undefined ? [] : [{ id: v, name: v, runs, control: false }];
    }),
    ...(section.control === undefined
      ? []
      : [{ id: 'the majority class', name: '_majority_ (control)', runs: section.control, control: true }]),
  ];
  if (entries.length === 0) return undefined;
  const lines: string[] = [];
  const claims: string[] = [];
  const methods = new Set<AverageInterval['method']>();
  for (const e of entries) {
    const deltas = languages.map((l) => {
      const [a, b] = [ref.languages.get(l), e.runs.languages.get(l)];
      return a === undefined || b === undefined ? undefined : comparePaired(a, b).delta;
    });
    const own = completeLanguages(e.runs, languages);
    const avg = refAll === undefined || own === undefined ? undefined : averageDifference(refAll, own);
    if (avg !== undefined) methods.add(avg.method);
    const fmt = (d: Delta | undefined) => (d === undefined ? '—' : formatDelta(d));
    lines.push(`| ${e.name} | ${deltas.map(fmt).join(' | ')} | ${fmt(avg)} |`);
    if (avg !== undefined) claims.push(claim(protocol, 'language average', e.id, reference, avg));
    if (e.control) continue;
    const apart: string[] = [];
    deltas.forEach((d, i) => {
      if (d === undefined) return;
      if (excludesZero(d)) claims.push(claim(protocol, languages[i] as string, e.id, reference, d));
      else apart.push(languages[i] as string);
    });
    if (apart.length > 0)
      claims.push(
        `${protocol}: ${e.id} and ${reference} cannot be told apart on ${apart.join(', ')}: each accuracy interval includes zero.`,
      );
  }
  const table = [
    `| Δ vs ${reference} | ${languages.join(' | ')} | avg |`,
    `|---|${languages.map(() => '---:').join('|')}|---:|`,
    ...lines,
  ].join('\n');
  return { table, claims, methods };
}
