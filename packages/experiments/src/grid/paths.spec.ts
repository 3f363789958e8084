import {
  allocationFile,
  corpusDir,
  finetuneCsv,
  gridPaths,
  metricsFile,
  modelOf,
  pretrainDir,
  tokenEmbeddingsOf,
} from './paths';

describe('grid paths', () => {
  const mini = gridPaths('mini');

  it('puts scratch under runs/<preset> and committed results under docs/results/<preset>', () => {
    expect(mini).toEqual({ runs: 'runs/mini', results: 'docs/results/mini' });
    expect(pretrainDir(mini, 'ml-', 'full')).toBe('runs/mini/ml-pretrain-full');
    expect(metricsFile(mini, '', 'radix-k3')).toBe('docs/results/mini/pretrain/radix-k3.metrics.jsonl');
    expect(finetuneCsv(mini, 'ml-', 'full', 'train-all')).toBe(
      'docs/results/mini/finetune/ml-full-train-all.csv',
    );
  });

  it('commits an allocation only when it needs a trained model', () => {
    expect(allocationFile(mini, '', 'radix-k3', false)).toBe('runs/mini/alloc-radix-k3.alloc');
    expect(allocationFile(mini, 'ml-', 'clustered-equal-m118', true)).toBe(
      'docs/results/mini/alloc/ml-clustered-equal-m118.alloc',
    );
  });

  it("names corpora as corpus:prepare does, and a saved model's token embeddings as allocate reads them", () => {
    expect(corpusDir('english-offline', 'roberta-gpt2', 128)).toBe('data/english-offline-roberta-gpt2');
    expect(corpusDir('english-offline', 'roberta-gpt2', 512)).toBe('data/english-offline-roberta-gpt2-512');
    expect(tokenEmbeddingsOf(modelOf('runs/mini/pretrain-full'))).toBe(
      'runs/mini/pretrain-full/model/weights.json#roberta.embeddings.word_embeddings.embeddings',
    );
  });
});
