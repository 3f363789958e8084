import './register';

export type { CorpusSource, Skip, SkipReason, SourceOptions } from './sources/corpus-source';
export { SKIP_REASONS } from './sources/corpus-source';
export { englishOffline, udhrSource } from './sources/builtin-sources';
export { biblesSource, libreofficeHelpSource } from './sources/debian-sources';
export type { LibreOfficeHelpOptions } from './sources/debian-sources';
export { MAX_TEXT_FILE_BYTES, textFilesSource } from './sources/text-files-source';
export { getCorpus, listCorpora, registerCorpus, unregisterCorpus } from './sources/registry';
export {
  bytesPerToken,
  decodeShard,
  encodeShard,
  SHARD_FORMAT_VERSION,
  SHARD_MAGIC,
  shardChecksum,
} from './shards/shard-file';
export type { Shard } from './shards/shard-file';
export { corpusManifestSchema, MANIFEST_FILE, MANIFEST_VERSION, readManifest } from './shards/manifest';
export type { CorpusManifest, ShardEntry, Split, SplitCounts } from './shards/manifest';
export { SequencePacker } from './shards/sequence-packer';
export { splitOf } from './shards/split-of';
export { packCorpus } from './shards/pack-corpus';
export type { PackCorpusOptions } from './shards/pack-corpus';
export { openCorpus, PackedCorpus } from './shards/packed-corpus';
export type { OpenCorpusOptions, PositionedSequence } from './shards/packed-corpus';
export { collateMlm } from './mlm/collate-mlm';
export type { MlmBatch, MlmOptions } from './mlm/collate-mlm';
