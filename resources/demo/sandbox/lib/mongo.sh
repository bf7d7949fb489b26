# SPDX-License-Identifier: GPL-3.0-or-later
# The demo host's MongoDB: one folder per database under var/lib/mongodb in the sandbox,
# one file per collection holding its document count. Archives are gzip'd text listing
# "collection count" lines under a header, so restores can be checked by eye.

MONGO_DATA="$SANDBOX/var/lib/mongodb"
ARCHIVE_HEADER="# mongodump archive (Pilothouse demo host)"

log() { printf '%s\t%s\n' "$(now_iso)" "$*" >&2; }

# mongodb://user:pass@host:27017/bot_core?authSource=admin -> bot_core
uri_database() {
    rest=${1#*://}
    case "$rest" in
        */*) db=${rest#*/} ;;
        *) db="" ;;
    esac
    db=${db%%\?*}
    [ -n "$db" ] || db=test
    case "$db" in
        *[!A-Za-z0-9_-]*) echo "Failed: invalid database name \"$db\"" >&2; exit 1 ;;
    esac
    echo "$db"
}

valid_name() {
    case "$1" in
        "" | *[!A-Za-z0-9_-]*) return 1 ;;
    esac
    return 0
}
