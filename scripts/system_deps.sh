#!/usr/bin/env bash
# Make sure the browser tests and PDFs can run: chromium for Playwright, pango for WeasyPrint; and the
# shared-cache and backup tests: redis-server, and PostgreSQL's client tools (pg_dump, pg_restore, psql).
# On Debian/Ubuntu as root this installs what is missing with apt; elsewhere it says what to install.
set -euo pipefail
missing=()
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
ldconfig -p 2>/dev/null | grep -q libpango-1.0.so || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so || missing+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q libatomic.so.1 || missing+=(libatomic1)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v pg_restore >/dev/null 2>&1 || missing+=(postgresql-client)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} with apt-get..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" libharfbuzz-subset0 >/dev/null
else
  echo "Clearpath's tests need these system packages: ${missing[*]}" >&2
  echo "  Debian/Ubuntu: sudo apt-get install chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libatomic1 redis-server postgresql-client" >&2
  echo "  macOS (Homebrew): brew install --cask chromium && brew install pango redis libpq; then set CHROMIUM=/path/to/chromium" >&2
  exit 1
fi
