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
export { osisToText, readSwordBible, SWORD_BIBLES, SWORD_ROOT } from './sword-bible';
export type { BibleName, Verse } from './sword-bible';
export {
  helpParagraphs,
  LIBREOFFICE_HELP_LANGUAGES,
  LIBREOFFICE_HELP_ROOT,
  readLibreOfficeHelp,
} from './libreoffice-help';
export type { HelpLanguage, HelpPage } from './libreoffice-help';
