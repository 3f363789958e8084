import { execFileSync } from 'node:child_process';
import { provenance, provenanceLine } from './provenance';

describe('provenance', () => {
  it('names the checked-out commit and the date', () => {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
    const p = provenance();
    expect(p.commit.startsWith(head)).toBe(true);
    expect(Number.isNaN(Date.parse(p.date))).toBe(false);
    expect(p.node).toBe(process.version);
  });

  it('prints extra fields first, then the fixed ones', () => {
    const line = provenanceLine(
      { commit: 'abc', backend: 'wasm', threads: '2', node: 'v20', date: 'd' },
      { preset: 'mini', seed: 1 },
    );
    expect(line).toBe(
      '_Provenance: preset mini · seed 1 · commit abc · backend wasm · threads 2 · node v20 · date d._',
    );
  });
});
