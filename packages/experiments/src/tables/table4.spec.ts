import { fixtureRuns, type ProtocolFixture } from '../testing/protocol-runs';
import { type ProtocolRuns, protocolRuns } from './evidence/protocol-runs';
import { edgeNote, languageOf, renderScores, type Table4Section } from './table4';
import { renderDeltas } from './table4-deltas';

const testTask = (l: string) => `libreoffice-module-${l}`;
const LANGUAGES = ['en', 'de'];

/** A model of the fixtures under cross-lingual transfer: selected on English dev, 10 test examples a language. */
function runsOf(f: Omit<ProtocolFixture, 'selectOn' | 'testTask'>): ProtocolRuns {
  const { rows, predictions } = fixtureRuns({ ...f, selectOn: 'libreoffice-module-en', testTask });
  const runs = protocolRuns(rows, predictions, f.model, LANGUAGES, testTask);
  if (runs === undefined) throw new Error(`no runs for ${f.model}`);
  return runs;
}

// full: English right 10, 9, 8 of 10 over seeds 1–3, German 10 each; radix-k3: the same English
// predictions, German all wrong; majority: class 0 on alternating gold, half right
const full = runsOf({
  model: 'full',
  lrs: [1e-4, 3e-4],
  chosen: 3e-4,
  right: { en: [10, 9, 8], de: [10, 10, 10] },
});
const radix = runsOf({
  model: 'radix-k3',
  lrs: [1e-4, 3e-4, 1e-3],
  chosen: 3e-4,
  right: { en: [10, 9, 8], de: [0, 0, 0] },
});
const majority = runsOf({ model: 'majority', lrs: [], chosen: 0, right: { en: [5], de: [5] } });

const section: Table4Section = {
  protocol: 'cross-lingual',
  paperProtocol: 'cross-lingual',
  variants: ['full', 'radix-k3', 'clustered-equal-m118'],
  languages: LANGUAGES,
  runs: new Map([
    ['full', full],
    ['radix-k3', radix],
  ]),
  control: majority,
  rowsOf: { full: '200,003', 'radix-k3': '59', 'clustered-equal-m118': '118' },
};

describe('Table 4 under the held-out protocol', () => {
  it('reads the language from an evaluation name', () => {
    expect(languageOf('libreoffice-module-zh-cn')).toBe('zh-cn');
    expect(languageOf('xnli-de')).toBe('de');
    expect(languageOf('xnli-dev')).toBeUndefined();
    expect(languageOf('libreoffice-module-dev')).toBeUndefined();
    expect(languageOf('uci-sentiment')).toBeUndefined();
  });

  it('reads a model’s runs: chosen on the selection split, each language’s test runs at that choice', () => {
    expect(full.selection).toMatchObject({ lr: 3e-4, batch: 32, atEdge: ['lr'] });
    expect(full.selection.runs.map((r) => `${r.seed}@${r.epoch}`)).toEqual(['1@2', '2@2', '3@2']);
    expect(full.learningRates).toEqual([1e-4, 3e-4]);
    expect(full.languages.get('en')?.test).toEqual([1, 0.9, 0.8]);
    expect(full.languages.get('de')?.task).toBe('libreoffice-module-de');
    expect(radix.selection.atEdge).toEqual([]); // 3e-4 inside [1e-4, 1e-3]
    // a CSV of the earlier protocol (dev rows only) has no held-out runs
    const { rows, predictions } = fixtureRuns({
      model: 'old',
      selectOn: 'libreoffice-module-en',
      testTask,
      lrs: [1e-4],
      chosen: 1e-4,
      right: { en: [5] },
    });
    const devOnly = rows.filter((r) => r.split === 'dev');
    expect(protocolRuns(devOnly, predictions, 'old', LANGUAGES, testTask)).toBeUndefined();
  });

  it('prints test accuracy per language and on the average with 95% intervals over seeds, a run that did not happen, the control and the paper', () => {
    const { table, csv } = renderScores(section);
    const lines = table.split('\n');
    expect(lines[0]).toBe('| cross-lingual | E | en | de | avg | chosen on dev |');
    // en: 1.0, 0.9, 0.8 → 90.0 ± 4.303 · 0.1 / √3 = 24.8; de: 100 everywhere; the average per seed
    // 1.0, 0.95, 0.9 → 95.0 ± 4.303 · 0.05 / √3 = 12.4
    expect(lines[2]).toBe(
      '| full | 200,003 | 90.0 [65.2, 114.8] | 100.0 [100.0, 100.0] | 95.0 [82.6, 107.4] | 3 seeds; lr 0.0003 (grid edge), batch 32, epochs 2/2/2 |',
    );
    // radix-k3: the same English, German 0: per-seed averages 0.5, 0.45, 0.4
    expect(lines[3]).toBe(
      '| radix-k3 | 59 | 90.0 [65.2, 114.8] | 0.0 [0.0, 0.0] | 45.0 [32.6, 57.4] | 3 seeds; lr 0.0003, batch 32, epochs 2/2/2 |',
    );
    expect(lines[4]).toBe('| clustered-equal-m118 | 118 | not run under this protocol |  |  |  |');
    // the control: half right, bootstrap over examples
    expect(lines[5]).toMatch(
      /^\| _majority_ \(control\) \| — \| 50\.0 \[[\d.]+, [\d.]+\] \| 50\.0 \[[\d.]+, [\d.]+\] \| 50\.0 \[[\d.]+, [\d.]+\] \| no grid \|$/,
    );
    // the paper's en and de columns and its 15-language average
    expect(lines[6]).toBe('| XLM-R medium (paper) | 250k | 74.0 | 55.1 | 50.7* | — |');
    expect(lines[7]).toBe('| 3-sub-embedding (paper) | 63 | 72.6 | 48.4 | 47.7* | — |');
    expect(lines[8]).toBe('| +clustered (paper) | 128 | 72.9 | 51.9 | 48.9* | — |');
    const half = (s: number) => (4.303 * s) / Math.sqrt(3);
    expect(csv.slice(0, 2)).toEqual([
      `cross-lingual,full,en,0.9,${0.9 - half(0.1)},${0.9 + half(0.1)},seeds,3`,
      'cross-lingual,full,de,1,1,1,seeds,3',
    ]);
    const avg = (csv[2] ?? '').split(',');
    expect(avg.slice(0, 3)).toEqual(['cross-lingual', 'full', 'avg']);
    expect(avg.slice(3, 6).map(Number)).toEqual(
      [0.95, 0.95 - half(0.05), 0.95 + half(0.05)].map((v) => expect.closeTo(v, 12)),
    );
  });

  it('prints each difference to full per language and on the average, and says which exclude zero', () => {
    const deltas = renderDeltas(section);
    const lines = deltas?.table.split('\n') ?? [];
    expect(lines[0]).toBe('| Δ vs full | en | de | avg |');
    // the same English predictions: exactly 0; German: −100 at every example; average −50 at every resample
    expect(lines[2]).toBe(
      '| radix-k3 | +0.0 [+0.0, +0.0] | -100.0 [-100.0, -100.0] \\* | -50.0 [-50.0, -50.0] \\* |',
    );
    // the control: 50 − 90 in English, 50 − 100 in German
    expect(lines[3]).toMatch(
      /^\| _majority_ \(control\) \| -40\.0 \[[^\]]+\] \\\* \| -50\.0 \[[^\]]+\] \\\* \| -45\.0 \[[^\]]+\] \\\* \|$/,
    );
    expect(deltas?.methods).toEqual(new Set(['joint']));
    expect(deltas?.claims).toEqual([
      'cross-lingual, language average: radix-k3 scores below full: accuracy -50.0 points [-50.0, -50.0] — supported (the interval excludes zero).',
      'cross-lingual, de: radix-k3 scores below full: accuracy -100.0 points [-100.0, -100.0] — supported (the interval excludes zero).',
      'cross-lingual: radix-k3 and full cannot be told apart on en: each accuracy interval includes zero.',
      expect.stringMatching(
        /^cross-lingual, language average: the majority class scores below full: accuracy -45\.0 points \[-[\d.]+, -[\d.]+\] — supported \(the interval excludes zero\)\.$/,
      ),
    ]);
    // no reference, nothing to compare with
    expect(renderDeltas({ ...section, runs: new Map([['radix-k3', radix]]) })).toBeUndefined();
  });

  it('says which models chose a learning rate at the edge of the grid, or that none did', () => {
    expect(edgeNote(section)).toBe(
      '**Edge of the lr grid** (cross-lingual): full chose lr 0.0003, the largest of 0.0001, 0.0003 — the optimum may lie outside the grid; widen it.',
    );
    expect(edgeNote({ ...section, runs: new Map([['radix-k3', radix]]) })).toBe(
      '**Edge of the lr grid** (cross-lingual): no model chose a learning rate at the edge of its grid (0.0001, 0.0003, 0.001).',
    );
    const one = runsOf({ model: 'full', lrs: [1e-3], chosen: 1e-3, right: { en: [5, 6], de: [5, 6] } });
    expect(edgeNote({ ...section, runs: new Map([['full', one]]) })).toBe(
      '**Edge of the lr grid** (cross-lingual): one learning rate was tried (0.001); the grid cannot show where the optimum lies.',
    );
    expect(edgeNote({ ...section, runs: new Map() })).toBeUndefined();
  });
});
