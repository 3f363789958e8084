// Side effect: registers the built-in corpora. Imported once by the package entry point.
import { englishOffline, udhrSource } from './sources/builtin-sources';
import { biblesSource, libreofficeHelpSource } from './sources/debian-sources';
import { registerCorpus } from './sources/registry';

registerCorpus('english-offline', englishOffline);
registerCorpus('udhr', () => udhrSource());
registerCorpus('bibles', () => biblesSource());
registerCorpus('libreoffice-help', () => libreofficeHelpSource());
