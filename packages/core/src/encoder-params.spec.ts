import { encoderParamCount } from './encoder-params';

const robertaMedium = {
  vocabSize: 50265,
  hidden: 512,
  layers: 8,
  intermediate: 2048,
  maxPositions: 514,
  typeVocabSize: 1,
};

describe('encoderParamCount', () => {
  it('counts RoBERTa-medium part by part (hand-derived)', () => {
    const p = encoderParamCount(robertaMedium);
    expect(p.tokenEmbedding).toBe(50265 * 512); // 25,735,680
    expect(p.positionEmbedding).toBe(514 * 512);
    expect(p.typeEmbedding).toBe(512);
    expect(p.embeddingLayerNorm).toBe(1024);
    // per layer: 4·(512²+512) + (512·2048+2048 + 2048·512+512) + 4·512 = 3,152,384
    expect(p.encoderLayers).toBe(8 * 3152384);
    expect(p.mlmHead).toBe(512 * 512 + 512 + 1024 + 50265);
    expect(p.pooler).toBe(262656);
    expect(p.total).toBe(51533401);
  });

  it('matches the bert-base-uncased total of 110M parts with a BERT shape', () => {
    // BERT-base: N = 30522, d = 768, 12 layers, FFN 3072, 512 positions, 2 types.
    // Hugging Face BertModel (with pooler) has 109,482,240 parameters.
    const p = encoderParamCount({
      vocabSize: 30522,
      hidden: 768,
      layers: 12,
      intermediate: 3072,
      maxPositions: 512,
      typeVocabSize: 2,
    });
    expect(p.total - p.mlmHead + p.pooler).toBe(109482240);
  });

  it('swaps in a compressed token embedding', () => {
    const full = encoderParamCount(robertaMedium);
    const ksub = encoderParamCount(robertaMedium, 37 * 512);
    expect(full.total - ksub.total).toBe(50265 * 512 - 37 * 512);
  });

  it('rejects bad shapes naming the field', () => {
    expect(() => encoderParamCount({ ...robertaMedium, hidden: 0 })).toThrow(
      new RangeError('encoderParamCount: shape.hidden must be an integer >= 1; got 0'),
    );
    expect(() => encoderParamCount(robertaMedium, -1)).toThrow(
      'encoderParamCount: tokenEmbeddingParams must be an integer >= 0; got -1',
    );
  });
});
