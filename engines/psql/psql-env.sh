# Sourced by every executable of this folder: the namespace's schema and the tuning settings
# (HDSBENCH_SETTINGS, "name=value" lines) as session settings of every psql connection.
# The server comes from libpq's environment: PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD (or ~/.pgpass).
set -euo pipefail
SCHEMA="hdsbench_${HDSBENCH_NAMESPACE//[^a-zA-Z0-9_]/_}"
options="-c search_path=${SCHEMA},public"
while IFS= read -r setting; do
  [ -n "$setting" ] && options="$options -c ${setting// /\\ }"
done <<< "${HDSBENCH_SETTINGS:-}"
export PGOPTIONS="$options"
# -X: no ~/.psqlrc; stop at the first error (exit status 3); psql exits with 2 when it cannot reach the server.
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

# psql's status 2 (connection lost or refused) is the protocol's "engine unreachable"; other failures are 1.
reachable_or_exit() {
  "${PSQL[@]}" -c 'SELECT 1' >/dev/null 2>&1 || exit 2
}
