#!/usr/bin/env bash
# Installs what the test suites need on a fresh machine (Debian packages, PyPI wheels, …):
# one script per dependency in scripts/test-deps/, each a no-op when its dependency is present.
# Run by `npm test`; set HDSBENCH_SKIP_TEST_DEPS=1 to skip (e.g. a machine without root).
# Opt-in groups: `install-test-deps.sh conformance-jvm` also runs scripts/test-deps/conformance-jvm/*.sh
# (what only `npm run test:conformance-jvm` needs, too large for every CI run).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${HDSBENCH_SKIP_TEST_DEPS:-}" ] && exit 0
for group in "$@"; do
  if [ ! -d "scripts/test-deps/$group" ]; then
    echo "install-test-deps: no group \"$group\" (a folder of scripts/test-deps/)" >&2
    exit 2
  fi
done
for script in scripts/test-deps/*.sh; do
  [ "$(basename "$script")" = lib.sh ] && continue
  bash "$script"
done
for group in "$@"; do
  for script in "scripts/test-deps/$group"/*.sh; do bash "$script"; done
done
