#!/usr/bin/env bash
# Back up Clearpath into one new dated folder: the database (pg_dump's custom format, which
# pg_restore reads) and a tar of the uploaded-files folder, with their checksums.
#
#   DATABASE_URL=postgres://... scripts/backup.sh /srv/backups     (or set BACKUP_DIR)
#
# MEDIA_ROOT is the uploaded-files folder (default: media/ in the repository, as in settings).
# Prints the new folder's path last. Try each backup with scripts/restore_drill.sh (docs/running.md).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
: "${DATABASE_URL:?Set DATABASE_URL to the database to back up}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "$(basename "$0") needs PostgreSQL: DATABASE_URL must start postgres://" >&2; exit 2 ;;
esac
dest_root="${1:-${BACKUP_DIR:?Name the folder to keep backups in: scripts/backup.sh DIR, or set BACKUP_DIR}}"
media="${MEDIA_ROOT:-$root/media}"

dest="$dest_root/clearpath-$(date -u +%Y-%m-%dT%H%M%SZ)"
mkdir -p "$dest_root"
mkdir "$dest"  # a new folder each time: never writes over an earlier backup

pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" "$DATABASE_URL"

if [ -d "$media" ]; then
    tar -czf "$dest/media.tar.gz" -C "$media" .
else
    echo "No media folder at $media: the archive is empty." >&2
    tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi

(cd "$dest" && sha256sum database.dump media.tar.gz > SHA256SUMS)
echo "Backed up to $dest" >&2
echo "$dest"
