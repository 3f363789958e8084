export { isXnliLanguage, XNLI_LANGUAGES } from './xnli-languages';
export type { XnliLanguage } from './xnli-languages';
export { decodeEntities, elementTexts } from './html-text';
export { readUdhr, UDHR_FILES, udhrDirectory, udhrText } from './udhr';
export type { UdhrDocument, UdhrSection } from './udhr';
export {
  readBrown,
  readMobyDick,
  readStateOfTheUnion,
  readWordnetGlosses,
  untagBrown,
} from './english-offline';
export { packageFile } from './package-file';
