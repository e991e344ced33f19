#!/usr/bin/env bash
# Restore drill: prove a backup made by scripts/backup.sh can be restored, without touching the
# live database. It checks the backup's checksums and that the media archive reads, restores the
# dump into a new scratch database on the same server, runs `manage.py restore_check` against it
# (counts, and the ledger balances), then drops the scratch database, whether the drill passed or not.
#
#   DATABASE_URL=postgres://... scripts/restore_drill.sh /srv/backups/clearpath-2026-12-07T230000Z
#
# DATABASE_URL names the server (its role needs CREATEDB); its own database is only read from to
# create and drop the scratch one. manage.py reads the rest of its settings from the environment
# as usual (SECRET_KEY, or DEBUG=1 on a laptop). Exits non-zero if any step fails.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
folder="${1:?Name the backup folder: scripts/restore_drill.sh DIR}"
: "${DATABASE_URL:?Set DATABASE_URL to a database on the server to drill on}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "$(basename "$0") needs PostgreSQL: DATABASE_URL must start postgres://" >&2; exit 2 ;;
esac

(cd "$folder" && sha256sum --check --quiet SHA256SUMS)
media_files="$(tar -tzf "$folder/media.tar.gz" | grep -vc '/$' || true)"
echo "media files: $media_files"

scratch="clearpath_drill_$(date -u +%Y%m%d%H%M%S)_$$"
scratch_url="$("$python" -c '
import sys, urllib.parse as u
url = u.urlsplit(sys.argv[1])
print(u.urlunsplit(url._replace(path="/" + sys.argv[2])))' "$DATABASE_URL" "$scratch")"

drop_scratch() {
    psql "$DATABASE_URL" --quiet -v ON_ERROR_STOP=1 \
        -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" >/dev/null
    echo "Dropped the scratch database $scratch"
}
psql "$DATABASE_URL" --quiet -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$scratch\"" >/dev/null
trap drop_scratch EXIT
echo "Restoring into the scratch database $scratch"

pg_restore --no-owner --no-privileges --exit-on-error --dbname="$scratch_url" "$folder/database.dump"
(cd "$root" && DATABASE_URL="$scratch_url" "$python" manage.py restore_check)
echo "Restore drill passed: $folder"
