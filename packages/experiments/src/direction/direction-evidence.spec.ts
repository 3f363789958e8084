import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MlmPositions, writePositionsCsv } from '@ksub/training';
import { positionsPathFor } from '../cells/compress-cell';
import { directionEvidence } from './direction-evidence';

describe('seed 001: the AutoEncoders against SVD on the same masked positions', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'direction-evidence-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** 4 positions in 4 sequences, one each, so the bootstrap resamples single positions. */
  const positions = (loss: number[]): MlmPositions => ({
    sequence: Int32Array.of(0, 1, 2, 3),
    position: Int32Array.of(1, 1, 1, 1),
    token: Int32Array.of(7, 8, 9, 10),
    loss: Float64Array.from(loss),
    correct: Uint8Array.of(1, 0, 1, 0),
    unigramLoss: Float64Array.of(3, 3, 3, 3),
  });

  /** A compression record's path whose positions CSV holds `loss`. */
  async function record(
    method: string,
    loss: number[],
  ): Promise<{ method: string; rank: number; file: string }> {
    const file = join(dir, `${method}-r12.json`);
    await writePositionsCsv(positionsPathFor(file), positions(loss));
    return { method, rank: 12, file };
  }

  it('pairs each AutoEncoder with SVD at its code size and signs both bounds of the interval', async () => {
    const records = [
      await record('svd', [2, 2, 2, 2]),
      // 0.5 nats above SVD at every position: the difference and every resample of it are +0.5
      await record('ae-mse', [2.5, 2.5, 2.5, 2.5]),
      // ±0.1 around SVD: mean 0, and resamples fall on either side of zero
      await record('ae-direction', [2.1, 1.9, 2.1, 1.9]),
    ];
    const { sections, claims } = await directionEvidence(records, [], [], [], {});
    expect(sections).toHaveLength(1);
    expect(sections[0]).toContain('| r = 12 | ae-mse − svd | +0.5000 [+0.5000, +0.5000] \\* | 1.6487 |');
    // a resample of 4 positions can hold only 2.1s (mean +0.1) or only 1.9s (-0.1)
    expect(sections[0]).toMatch(
      /\| r = 12 \| ae-direction − svd \| \+0\.0000 \[-0\.\d{4}, \+0\.\d{4}\] \| 1\.0000 \|/,
    );
    expect(claims).toEqual([
      "At r = 12, ae-mse's MLM loss after the swap is higher than SVD's by 0.5000 nats [0.5000, 0.5000] — supported (the interval excludes zero).",
      expect.stringMatching(
        /^At r = 12, ae-direction and SVD cannot be told apart on MLM loss after the swap \(\+0\.0000 \[-0\.\d{4}, \+0\.\d{4}\]\)\.$/,
      ),
    ]);
  });

  it('leaves out a code size whose SVD positions were not written', async () => {
    const ae = await record('ae-mse', [2, 2, 2, 2]);
    const { sections, claims } = await directionEvidence(
      [
        { method: 'svd', rank: 25, file: join(dir, 'svd-r25.json') },
        { ...ae, rank: 25 },
      ],
      [],
      [],
      [],
      {},
    );
    expect(sections).toEqual([]);
    expect(claims).toEqual([]);
  });
});
