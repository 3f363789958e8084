import { Rng } from '@ksub/core';
import { normalizeText, type SplitItem, stratifiedSplit } from './stratified-split';

const FRACTIONS = { train: 0.7, dev: 0.15, test: 0.15 } as const;
type Name = keyof typeof FRACTIONS;
const NAMES = Object.keys(FRACTIONS) as Name[];

/** `n` items with distinct texts; labels 0, 1, 2 in shares 6 : 3 : 1. */
function distinctItems(n: number): SplitItem[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `src:${i}`,
    label: i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2,
    text: `message number ${i}`,
  }));
}

/** Items where some texts repeat (case and spacing vary): groups of up to `maxGroup`. */
function itemsWithDuplicates(n: number, maxGroup: number, seed: number): SplitItem[] {
  const rng = Rng.fromSeed(seed);
  const items: SplitItem[] = [];
  for (let g = 0; items.length < n; g++) {
    const size = rng.nextInt(4) === 0 ? 1 + rng.nextInt(maxGroup) : 1;
    const label = rng.nextInt(3) === 0 ? 1 : 0;
    for (let m = 0; m < size && items.length < n; m++)
      items.push({ key: `k${items.length}`, label, text: m % 2 === 0 ? `Text ${g}` : `  text\t${g} ` });
  }
  return items;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rng = Rng.fromSeed(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Split name → set of keys, the order-free view of a split. */
function keysBySplit(items: readonly SplitItem[], split: Record<Name, number[]>): Record<Name, string[]> {
  return Object.fromEntries(
    NAMES.map((name) => [name, split[name].map((i) => (items[i] as SplitItem).key).sort()]),
  ) as Record<Name, string[]>;
}

function countLabel(items: readonly SplitItem[], indices: readonly number[], label: number): number {
  return indices.filter((i) => items[i]?.label === label).length;
}

describe('stratifiedSplit', () => {
  it('runs its JSDoc example', () => {
    const items = ['a', 'b', 'c', 'd'].map((text, i) => ({ key: `x:${i}`, label: i % 2, text }));
    const { train, dev } = stratifiedSplit(items, { train: 0.5, dev: 0.5 });
    expect([train.length, dev.length]).toEqual([2, 2]);
    expect(train.map((i) => i % 2).sort()).toEqual([0, 1]);
  });

  it('makes disjoint splits that cover every example, indices ascending', () => {
    const items = itemsWithDuplicates(500, 6, 1);
    const split = stratifiedSplit(items, FRACTIONS);
    const all = NAMES.flatMap((name) => split[name]);
    expect(all.sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
    for (const name of NAMES) expect(split[name]).toEqual([...split[name]].sort((a, b) => a - b));
  });

  it('is exact up to rounding without duplicates: per label, |count − fraction·n| < 1', () => {
    for (const n of [10, 97, 1000, 3001]) {
      const items = distinctItems(n);
      const split = stratifiedSplit(items, FRACTIONS);
      for (const label of [0, 1, 2]) {
        const total = items.filter((x) => x.label === label).length;
        for (const name of NAMES)
          expect(Math.abs(countLabel(items, split[name], label) - FRACTIONS[name] * total)).toBeLessThan(1);
      }
    }
    // hand-derived: 600 of label 0 → 420 / 90 / 90 exactly
    const split = stratifiedSplit(distinctItems(1000), FRACTIONS);
    expect(NAMES.map((name) => countLabel(distinctItems(1000), split[name], 0))).toEqual([420, 90, 90]);
  });

  it('keeps duplicates together and stays within (splits − 1)·(largest group − 1) of the quotas', () => {
    for (const seed of [1, 2, 3]) {
      const maxGroup = 8;
      const items = itemsWithDuplicates(700, maxGroup, seed);
      const split = stratifiedSplit(items, FRACTIONS);
      const splitOfText = new Map<string, Name>();
      for (const name of NAMES)
        for (const i of split[name]) {
          const text = normalizeText((items[i] as SplitItem).text);
          expect(splitOfText.get(text) ?? name).toBe(name);
          splitOfText.set(text, name);
        }
      expect(new Set(items.map((x) => normalizeText(x.text))).size).toBeLessThan(items.length); // there were duplicates
      for (const label of [0, 1]) {
        const total = items.filter((x) => x.label === label).length;
        for (const name of NAMES) {
          const gap = Math.abs(countLabel(items, split[name], label) - FRACTIONS[name] * total);
          expect(gap).toBeLessThan(1 + (NAMES.length - 1) * (maxGroup - 1));
        }
      }
    }
  });

  it('places a group as a whole even when it overshoots a quota', () => {
    // 3 items, one text: quotas 2 / 1 / 0 cannot be met; all 3 go to the split furthest below (train)
    const items = [0, 1, 2].map((i) => ({ key: `k${i}`, label: 0, text: 'same' }));
    expect(stratifiedSplit(items, FRACTIONS)).toEqual({ train: [0, 1, 2], dev: [], test: [] });
  });

  it('stratifies a group whose members disagree by its majority label', () => {
    const items = [
      { key: 'a', label: 1, text: 'x' },
      { key: 'b', label: 0, text: 'X' },
      { key: 'c', label: 1, text: ' x ' },
    ];
    expect(stratifiedSplit(items, { train: 0.5, dev: 0.5 })).toEqual({ train: [0, 1, 2], dev: [] });
  });

  it('keeps a group together whatever its texts, and its texts no longer join other items', () => {
    // 6 pages of 2 paragraphs (groups), one text repeated on every page: 12 items of label 0;
    // quotas 8 / 2 / 2 (8.4, 1.8, 1.8 by largest remainder), met by 4 / 1 / 1 whole pages
    const items = Array.from({ length: 12 }, (_, i) => ({
      key: `p${Math.floor(i / 2)}#${i % 2}`,
      label: 0,
      text: i % 2 === 0 ? 'Syntax:' : `paragraph ${i}`,
      group: `page ${Math.floor(i / 2)}`,
    }));
    const split = stratifiedSplit(items, FRACTIONS);
    for (const name of NAMES)
      for (const i of split[name]) expect(split[name]).toContain(i % 2 === 0 ? i + 1 : i - 1);
    // the repeated text did not make one group of the 6 pages
    expect(NAMES.map((name) => split[name].length)).toEqual([8, 2, 2]);
    expect(() =>
      stratifiedSplit([{ key: 'a', label: 0, text: 'x', group: 3 as unknown as string }], { a: 1 }),
    ).toThrow('stratifiedSplit: items[0].group must be a string when given; got 3');
  });

  it('is deterministic: the same keys per split whatever the input order', () => {
    const items = itemsWithDuplicates(400, 5, 7);
    const reference = keysBySplit(items, stratifiedSplit(items, FRACTIONS));
    for (const seed of [11, 12]) {
      const other = shuffled(items, seed);
      expect(keysBySplit(other, stratifiedSplit(other, FRACTIONS))).toEqual(reference);
    }
  });

  it('orders by the key hash: other keys give another split of the same sizes', () => {
    const items = distinctItems(200);
    const renamed = items.map((x) => ({ ...x, key: `other:${x.key}` }));
    const a = stratifiedSplit(items, FRACTIONS);
    const b = stratifiedSplit(renamed, FRACTIONS);
    expect(NAMES.map((name) => b[name].length)).toEqual(NAMES.map((name) => a[name].length));
    expect(b.test).not.toEqual(a.test);
  });

  it('normalizes text by trimming, collapsing whitespace and lowercasing', () => {
    expect(normalizeText('  Ok\t LOR... ')).toBe('ok lor...');
    expect(normalizeText('A\n\nb')).toBe('a b');
  });

  it('rejects bad arguments, naming them', () => {
    const items = distinctItems(4);
    expect(() => stratifiedSplit(items, { train: 0.7, dev: 0.2 })).toThrow(
      'stratifiedSplit: fractions must sum to 1 (within 1e-9); got 0.8999999999999999',
    );
    expect(() => stratifiedSplit(items, { train: 1.1, dev: -0.1 })).toThrow(
      'stratifiedSplit: fractions.dev must be a positive finite number; got -0.1',
    );
    expect(() => stratifiedSplit(items, { train: 1, dev: 0 })).toThrow(
      'stratifiedSplit: fractions.dev must be a positive finite number; got 0',
    );
    expect(() => stratifiedSplit(items, { train: Number.NaN })).toThrow('fractions.train must be a positive');
    expect(() => stratifiedSplit(items, {})).toThrow(
      'stratifiedSplit: fractions must name at least one split',
    );
    expect(() => stratifiedSplit(items, null as unknown as { a: number })).toThrow(TypeError);
    expect(() => stratifiedSplit('x' as unknown as SplitItem[], { a: 1 })).toThrow(
      'stratifiedSplit: items must be an array; got "x"',
    );
    const repeated = [...items, { key: 'src:1', label: 0, text: 'y' }];
    expect(() => stratifiedSplit(repeated, { a: 1 })).toThrow(
      'stratifiedSplit: items[4].key must be unique; got "src:1", also items[1].key',
    );
    expect(() => stratifiedSplit([{ key: 'a', label: 0.5, text: 'y' }], { a: 1 })).toThrow(
      'stratifiedSplit: items[0].label must be a non-negative integer; got 0.5',
    );
    expect(() => stratifiedSplit([{ key: '', label: 0, text: 'y' }], { a: 1 })).toThrow(
      'stratifiedSplit: items[0].key must be a non-empty string; got ""',
    );
    expect(() => stratifiedSplit([{ key: 'a', label: 0, text: 3 as unknown as string }], { a: 1 })).toThrow(
      'stratifiedSplit: items[0].text must be a string; got 3',
    );
  });

  it('splits nothing into empty splits', () => {
    expect(stratifiedSplit([], FRACTIONS)).toEqual({ train: [], dev: [], test: [] });
  });
});
