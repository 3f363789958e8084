import { createHash } from 'node:crypto';
import { assert, describe } from '@ksub/core';
import { modeOf } from '../baselines/majority-class';

/** What {@link stratifiedSplit} needs to know of one example. */
export interface SplitItem {
  /** Unique and stable id (e.g. `amazon:17`); the SHA-256 of it orders the examples. */
  readonly key: string;
  /** Class index, the stratum. */
  readonly label: number;
  /**
   * The text that decides duplicates: items whose {@link normalizeText} is equal always share a
   * split. For a sentence pair, pass both texts joined by a tab.
   */
  readonly text: string;
  /**
   * Keeps items together instead of their text: items of one group always share a split (a
   * page's paragraphs, so that a page and its translations stay on one side). Default: the
   * normalised text.
   */
  readonly group?: string;
}

/** Split name → share of each label's examples; positive, summing to 1. */
export type SplitFractions<S extends string> = Readonly<Record<S, number>>;

/** How far from 1 the fractions may sum: float rounding of decimal shares, nothing more. */
const SUM_TOLERANCE = 1e-9;

/**
 * The text duplicates are found by: trimmed, every run of whitespace one space, lowercased. Two
 * texts equal under it are the same message for leakage purposes.
 *
 * @example
 * ```ts
 * normalizeText('  Ok\t LOR... '); // 'ok lor...'
 * ```
 */
export function normalizeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

interface Group {
  readonly members: number[];
  hash: string;
}

function validate<S extends string>(items: readonly SplitItem[], fractions: SplitFractions<S>): S[] {
  const fn = 'stratifiedSplit';
  assert(Array.isArray(items), () => `${fn}: items must be an array; got ${describe(items)}`, TypeError);
  assert(
    typeof fractions === 'object' && fractions !== null && !Array.isArray(fractions),
    () => `${fn}: fractions must be an object of split name → fraction; got ${describe(fractions)}`,
    TypeError,
  );
  const names = Object.keys(fractions) as S[];
  assert(names.length > 0, () => `${fn}: fractions must name at least one split; got {}`, RangeError);
  let sum = 0;
  for (const name of names) {
    const f = fractions[name];
    assert(
      typeof f === 'number' && Number.isFinite(f) && f > 0,
      () => `${fn}: fractions.${name} must be a positive finite number; got ${describe(f)}`,
      RangeError,
    );
    sum += f;
  }
  assert(
    Math.abs(sum - 1) <= SUM_TOLERANCE,
    () => `${fn}: fractions must sum to 1 (within ${SUM_TOLERANCE}); got ${describe(sum)}`,
    RangeError,
  );
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    assert(
      typeof item?.key === 'string' && item.key.length > 0,
      () => `${fn}: items[${i}].key must be a non-empty string; got ${describe(item?.key)}`,
      TypeError,
    );
    const first = seen.get(item.key);
    assert(
      first === undefined,
      () => `${fn}: items[${i}].key must be unique; got ${describe(item.key)}, also items[${first}].key`,
      RangeError,
    );
    seen.set(item.key, i);
    assert(
      Number.isSafeInteger(item.label) && item.label >= 0,
      () => `${fn}: items[${i}].label must be a non-negative integer; got ${describe(item.label)}`,
      RangeError,
    );
    assert(
      typeof item.text === 'string',
      () => `${fn}: items[${i}].text must be a string; got ${describe(item.text)}`,
      TypeError,
    );
    assert(
      item.group === undefined || typeof item.group === 'string',
      () => `${fn}: items[${i}].group must be a string when given; got ${describe(item.group)}`,
      TypeError,
    );
  });
  return names;
}

/** Integer quotas for `n` examples: fraction·n rounded by largest remainder (ties: earlier split). */
function quotas(n: number, fractions: readonly number[]): Int32Array {
  const q = new Int32Array(fractions.length);
  const remainders = fractions.map((f, s) => {
    q[s] = Math.floor(f * n + SUM_TOLERANCE); // 0.7·1500 may come out as 1049.999…
    return { s, r: f * n - (q[s] as number) };
  });
  let left = n - q.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => b.r - a.r || a.s - b.s);
  for (const { s } of remainders) {
    if (left <= 0) break;
    q[s] = (q[s] as number) + 1;
    left--;
  }
  return q;
}

/** The label most of a group's members have (ties: the smallest). */
function groupLabel(items: readonly SplitItem[], members: readonly number[]): number {
  return modeOf(members.map((i) => (items[i] as SplitItem).label));
}

/**
 * Assigns examples to named splits, stratified by label, deterministically, keeping duplicates
 * together:
 *
 * - **Duplicates**: items whose {@link normalizeText} is equal form a group that goes to one split
 *   whole, so no message of a test split also appears in train. Items given a `group` are grouped
 *   by it instead (their text then decides nothing).
 * - **Stratified**: per label, each split gets a quota of fractions·count rounded by largest
 *   remainder (so within 1 of fraction·count); groups are placed, largest first and then in order
 *   of the smallest SHA-256 (hex) of their member keys, into the split furthest below it. With no
 *   duplicates every split meets its quota exactly. A duplicate group that fits in no split's
 *   remaining quota overshoots one, by less than its size; each split overshoots at most once, so a
 *   split's count is within (splits − 1)·(largest group − 1) of its quota. A group whose members
 *   disagree is stratified by its majority label (ties: the smallest).
 * - **Deterministic**: a function of the set of items, not their order, the platform or a seed.
 *
 * @param items - keys unique; labels non-negative integers
 * @param fractions - split name → share, each positive, summing to 1 within 1e-9
 * @returns split name → indices into `items`, ascending (so each split keeps the input order)
 * @throws TypeError for a non-array `items`, a non-object `fractions`, a missing key or text;
 *   RangeError for a fraction that is not positive, fractions not summing to 1, a repeated key or
 *   a label that is not a non-negative integer — each naming the argument and the value.
 * @example
 * ```ts
 * const items = ['a', 'b', 'c', 'd'].map((text, i) => ({ key: `x:${i}`, label: i % 2, text }));
 * const { train, dev } = stratifiedSplit(items, { train: 0.5, dev: 0.5 });
 * // one example of each label in each split: train and dev hold 2 indices each
 * ```
 */
export function stratifiedSplit<S extends string>(
  items: readonly SplitItem[],
  fractions: SplitFractions<S>,
): Record<S, number[]> {
  const names = validate(items, fractions);
  const shares = names.map((name) => fractions[name]);
  const byText = new Map<string, Group>();
  items.forEach((item, i) => {
    const hash = createHash('sha256').update(item.key).digest('hex');
    // a group id and a text never collide: each is prefixed with what it is
    const text = item.group === undefined ? `text:${normalizeText(item.text)}` : `group:${item.group}`;
    const group = byText.get(text);
    if (group === undefined) byText.set(text, { members: [i], hash });
    else {
      group.members.push(i);
      if (hash < group.hash) group.hash = hash;
    }
  });
  const strata = new Map<number, Group[]>();
  for (const group of byText.values()) {
    const label = groupLabel(items, group.members);
    const stratum = strata.get(label);
    if (stratum === undefined) strata.set(label, [group]);
    else stratum.push(group);
  }
  const splitOf = new Int32Array(items.length);
  for (const groups of strata.values()) {
    const n = groups.reduce((sum, g) => sum + g.members.length, 0);
    const remaining = quotas(n, shares);
    groups.sort((a, b) => b.members.length - a.members.length || (a.hash < b.hash ? -1 : 1));
    for (const group of groups) {
      let s = 0;
      for (let t = 1; t < remaining.length; t++)
        if ((remaining[t] as number) > (remaining[s] as number)) s = t;
      remaining[s] = (remaining[s] as number) - group.members.length;
      for (const i of group.members) splitOf[i] = s;
    }
  }
  const out = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<S, number[]>;
  splitOf.forEach((s, i) => out[names[s] as S].push(i));
  return out;
}
