#!/usr/bin/env bash
# Installs Debian packages that are missing (needs root and apt; reaches only Debian's archive).
# Usage: install-debian.sh LABEL PACKAGE... — LABEL names the purpose in the messages.
set -euo pipefail
label="$1"
shift
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "$label: all $# packages already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "$label: need root and apt-get to install: ${missing[*]}" >&2
  exit 1
fi
echo "$label: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "$label: done"
