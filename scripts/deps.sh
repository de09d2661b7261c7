#!/bin/sh
# Installs the Debian packages lscb-stats builds and tests with, when missing.
# Called by `make demo` and `make check`; safe to run again (does nothing when
# everything is present).  Needs root (or sudo) only when something is missing.
set -eu
PKGS="build-essential pkg-config libxml2-dev libcsv-dev libgsl-dev libxlsxwriter-dev \
libsqlite3-dev libcmocka-dev libinih-dev nettle-dev libpq-dev sqlite3 unzip valgrind strace \
python3-openpyxl"
if [ "${LSCB_EXTRA_PKGS:-}" ]; then PKGS="$PKGS $LSCB_EXTRA_PKGS"; fi
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
