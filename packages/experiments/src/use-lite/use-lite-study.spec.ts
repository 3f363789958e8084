import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { useTempDir } from '../testing/temp-dir';
import { readStudyRecords, resultsFile, runUseLiteStudy, type UseLiteStudyOptions } from './use-lite-study';

const options = (outDir: string): UseLiteStudyOptions => ({
  modelJson: join(outDir, 'no-model.json'),
  methods: ['svd'],
  ratios: [10],
  data: { sentences: 10, tasks: ['uci-sentiment'], pairs: 0 },
  seed: 1,
  outDir,
  progress: false,
});

describe('runUseLiteStudy (resuming)', () => {
  const tmp = useTempDir('use-lite-study');

  it('refuses a directory that holds a study with other settings, naming it, and frees its lock', async () => {
    const dir = join(tmp.path, 'other');
    mkdirSync(dir);
    writeFileSync(join(dir, 'study.json'), '{"methods":["pq"]}');
    await expect(runUseLiteStudy(options(dir))).rejects.toThrow(
      `useLite: ${dir} holds a study with other settings (${join(dir, 'study.json')}); choose another --out or remove that directory yourself`,
    );
    expect(existsSync(join(dir, '.ksub.lock'))).toBe(false);
  });

  it('refuses results without the settings they were made with', async () => {
    const dir = join(tmp.path, 'orphan');
    mkdirSync(dir);
    writeFileSync(join(dir, 'results.jsonl'), '{"method":"svd","ratio":10}\n');
    await expect(runUseLiteStudy(options(dir))).rejects.toThrow(/holds a study with other settings/);
  });

  it('names the line of a results file that is not JSON', async () => {
    const dir = join(tmp.path, 'corrupt');
    mkdirSync(dir);
    writeFileSync(join(dir, 'results.jsonl'), '{"method":"svd","ratio":10}\n{"method": tru\n');
    await expect(runUseLiteStudy(options(dir))).rejects.toThrow(
      `useLite: ${join(dir, 'results.jsonl')} line 2 is not JSON: {"method": tru`,
    );
  });

  it('names the model file when it does not exist (settings recorded first)', async () => {
    const dir = join(tmp.path, 'fresh');
    await expect(runUseLiteStudy(options(dir))).rejects.toThrow(/no-model\.json/);
    expect(existsSync(join(dir, 'study.json'))).toBe(true);
  });
});

describe('sharded studies', () => {
  const tmp = useTempDir('use-lite-shards');

  it('name one results file per shard and read them all back', async () => {
    expect(resultsFile({ index: 0, count: 1 })).toBe('results.jsonl');
    expect(resultsFile({ index: 1, count: 2 })).toBe('results.shard-2-of-2.jsonl');
    writeFileSync(join(tmp.path, 'results.shard-2-of-2.jsonl'), '{"method":"pq","ratio":5}\n');
    writeFileSync(join(tmp.path, 'results.shard-1-of-2.jsonl'), '{"method":"svd","ratio":5}\n');
    writeFileSync(join(tmp.path, 'results.jsonl.tmp-1-ab'), '{"method":"half written"}\n');
    expect((await readStudyRecords(tmp.path)).map((r) => r.method)).toEqual(['svd', 'pq']);
  });

  it('refuse a shard outside its count', async () => {
    await expect(
      runUseLiteStudy({ ...options(join(tmp.path, 'x')), shard: { index: 2, count: 2 } }),
    ).rejects.toThrow(
      'useLite: shard must be {index, count} with 0 ≤ index < count; got {"index":2,"count":2}',
    );
  });
});
