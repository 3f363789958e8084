#!/usr/bin/env bash
# Installs the opt-in corpora that Debian packages ship (public domain Bibles in SWORD format, the
# LibreOffice help in 9 languages). Needs root and apt; reaches only Debian's package archive.
# Used by `npx nx run corpus:setup-debian` and by .ci/run, so the real-data tests of those sources run.
set -euo pipefail
packages=(
  sword-text-kjv sword-text-web sword-text-sparv
  libreoffice-help-en-us libreoffice-help-de libreoffice-help-es libreoffice-help-fr libreoffice-help-el
  libreoffice-help-ru libreoffice-help-tr libreoffice-help-vi libreoffice-help-zh-cn
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-debian-corpora: all ${#packages[@]} packages already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-debian-corpora: need root and apt-get to install: ${missing[*]}" >&2
  exit 1
fi
echo "install-debian-corpora: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-debian-corpora: done"
