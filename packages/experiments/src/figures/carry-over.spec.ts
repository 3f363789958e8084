import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { carriedNumber, carryOver } from './carry-over';

const header = 'model,layer,inter,intra';

function csv(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'carry-')), 'fig.csv');
  writeFileSync(path, text);
  return path;
}

describe('carryOver', () => {
  it('keeps only the absent models, their rows in file order, without the model column', async () => {
    const path = csv(`${header}\nfull,0,0.1,0.9\nk2,0,0.2,0.8\nfull,1,0.3,0.7\nk3,0,0.4,0.6\n`);
    const { rows } = await carryOver(path, header, ['full', 'k3', 'k8']);
    expect([...rows.keys()]).toEqual(['full', 'k3']);
    expect(rows.get('full')).toEqual([
      ['0', '0.1', '0.9'],
      ['1', '0.3', '0.7'],
    ]);
    expect(rows.get('k3')).toEqual([['0', '0.4', '0.6']]);
  });

  it('carries nothing when the file is missing or no model is absent', async () => {
    expect((await carryOver('/nonexistent/fig.csv', header, ['full'])).rows.size).toBe(0);
    expect((await carryOver(csv(`${header}\nfull,0,0.1,0.9\n`), header, [])).rows.size).toBe(0);
  });

  it('rejects a file with another header or a short line, naming the file and line', async () => {
    await expect(carryOver(csv('model,component,ratio\n'), header, ['full'])).rejects.toThrow(
      /starts with "model,component,ratio", expected the header "model,layer,inter,intra"/,
    );
    await expect(carryOver(csv(`${header}\nfull,0,0.1\n`), header, ['full'])).rejects.toThrow(
      /line 2 has 3 fields, expected 4: "full,0,0.1"/,
    );
  });
});

describe('carriedNumber', () => {
  it('parses finite numbers and names the model and field otherwise', () => {
    expect(carriedNumber('0.25', 'full', 'ratio')).toBe(0.25);
    expect(() => carriedNumber('NaN', 'full', 'ratio')).toThrow(/model full has ratio="NaN"/);
    expect(() => carriedNumber('', 'k2', 'inter')).toThrow(/model k2 has inter="", not a finite number/);
  });
});
