#!/usr/bin/env bash
# Installs the opt-in corpora that Debian packages ship (public domain Bibles in SWORD format, the
# LibreOffice help in 9 languages). Used by `npx nx run corpus:setup-debian` and by .ci/run, so the
# real-data tests of those sources run.
set -euo pipefail
exec bash "$(dirname "$0")/install-debian.sh" install-debian-corpora \
  sword-text-kjv sword-text-web sword-text-sparv \
  libreoffice-help-en-us libreoffice-help-de libreoffice-help-es libreoffice-help-fr libreoffice-help-el \
  libreoffice-help-ru libreoffice-help-tr libreoffice-help-vi libreoffice-help-zh-cn
