#!/usr/bin/env bash
# PostgreSQL server binaries (initdb, pg_ctl) for the PostgreSQL target tests.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
echo "test-deps: installing postgresql (Debian)"
apt_install postgresql
