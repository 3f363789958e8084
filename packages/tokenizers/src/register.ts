// Side effect: registers the built-in tokenizers. Imported once by the package entry point.
import { loadRobertaGpt2, loadXlmrO200k } from './adapters/builtin';
import { registerTokenizer } from './registry';
import { loadUseLiteTokenizer } from './use-lite/load-use-lite-tokenizer';

registerTokenizer('roberta-gpt2', loadRobertaGpt2);
registerTokenizer('xlmr-o200k', loadXlmrO200k);
registerTokenizer('use-lite', () => loadUseLiteTokenizer());
