import { z } from 'zod';
import { parseWithSchema } from './parse-with-schema';

const Config = z.strictObject({
  steps: z.number().int().min(1),
  lr: z.number().positive().optional(),
  embedding: z.strictObject({ kind: z.enum(['full', 'ksub']) }),
});

describe('parseWithSchema', () => {
  it('returns the typed value when it is valid', () => {
    const v = parseWithSchema('pretrain', Config, { steps: 3, embedding: { kind: 'full' } });
    expect(v).toEqual({ steps: 3, embedding: { kind: 'full' } });
  });

  it('names an unknown key, and where it is nested (TypeError)', () => {
    expect(() =>
      parseWithSchema('pretrain', Config, { steps: 3, stepz: 4, embedding: { kind: 'full' } }),
    ).toThrow(new TypeError('pretrain: unknown key "stepz"'));
    expect(() =>
      parseWithSchema('pretrain', Config, { steps: 3, embedding: { kind: 'full', rnk: 1 } }, 'a.json'),
    ).toThrow('pretrain (a.json): unknown key "rnk" in embedding');
  });

  it('names the key and the value for wrong types (TypeError) and ranges (RangeError)', () => {
    expect(() => parseWithSchema('pretrain', Config, { steps: '3', embedding: { kind: 'full' } })).toThrow(
      TypeError,
    );
    expect(() => parseWithSchema('pretrain', Config, { steps: '3', embedding: { kind: 'full' } })).toThrow(
      /^pretrain: steps: .*; got "3"$/,
    );
    expect(() => parseWithSchema('finetune', Config, { steps: 1.5, embedding: { kind: 'full' } })).toThrow(
      RangeError,
    );
    expect(() => parseWithSchema('finetune', Config, { steps: 1.5, embedding: { kind: 'full' } })).toThrow(
      /^finetune: steps: .*; got 1\.5$/,
    );
    expect(() => parseWithSchema('f', Config, { steps: 1, embedding: { kind: 'half' } })).toThrow(
      /^f: embedding\.kind: .*"full".*"ksub".*; got "half"$/,
    );
  });

  it('lists every problem, and says (root) when the value itself is wrong', () => {
    expect(() => parseWithSchema('f', Config, { steps: 0, stepz: 1, embedding: { kind: 'full' } })).toThrow(
      /unknown key "stepz"; steps: .*; got 0/,
    );
    expect(() => parseWithSchema('f', Config, 7)).toThrow(/^f: \(root\): .*; got 7$/);
  });
});
