import { libreofficeHelpSource, listCorpora, registerCorpus } from '@ksub/corpus';
import { libreOfficeHeldOutPages } from '@ksub/evaluation';

/**
 * The LibreOffice-help corpus without the pages the LibreOffice suite holds out (its dev and test
 * splits, in every language): Table 4's pretraining corpus at `mini`, so that no paragraph a
 * model is scored on was in its pretraining text. Each page left out is counted in the packed
 * corpus's manifest as a `held-out` skip.
 */
export const LIBREOFFICE_TRAIN_CORPUS = 'libreoffice-help-train';

/**
 * Registers {@link LIBREOFFICE_TRAIN_CORPUS} with `@ksub/corpus` (it needs `@ksub/evaluation`'s
 * splits, which `@ksub/corpus` does not depend on); a second call does nothing.
 *
 * @example
 * ```ts
 * registerSuiteCorpora();
 * getCorpus('libreoffice-help-train').description;
 * ```
 */
export function registerSuiteCorpora(): void {
  if (listCorpora().includes(LIBREOFFICE_TRAIN_CORPUS)) return;
  registerCorpus(LIBREOFFICE_TRAIN_CORPUS, () =>
    libreofficeHelpSource(undefined, {
      name: LIBREOFFICE_TRAIN_CORPUS,
      heldOutPages: () => libreOfficeHeldOutPages(),
    }),
  );
}
