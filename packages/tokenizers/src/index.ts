import './register';

export type { DecodeOptions, EncodeOptions, SpecialTokenIds, Tokenizer } from './tokenizer';
export type { TextCodec } from './codec';
export { identityLayout, robertaLayout } from './id-layout';
export type { IdLayout } from './id-layout';
export { LayeredTokenizer } from './layered-tokenizer';
export type { LayeredTokenizerParts } from './layered-tokenizer';
export { bytesToByteLevel } from './byte-level';
export { hfCodec } from './adapters/hf-codec';
export type { HfCodec, HfTokenizerJson } from './adapters/hf-codec';
export { tiktokenCodec } from './adapters/tiktoken-codec';
export type { TiktokenRanks } from './adapters/tiktoken-codec';
export { loadRobertaGpt2, loadXlmrO200k, ROBERTA_VOCAB_SIZE } from './adapters/builtin';
export { loadHfTokenizer } from './adapters/load-hf-tokenizer';
export type { LoadHfTokenizerOptions } from './adapters/load-hf-tokenizer';
export { filesHash } from './adapters/files-hash';
export { getTokenizer, listTokenizers, registerTokenizer, unregisterTokenizer } from './registry';
export type { TokenizerLoader } from './registry';
