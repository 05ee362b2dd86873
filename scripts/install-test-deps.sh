#!/usr/bin/env bash
# Installs what the test suites need on a fresh machine (Debian packages, PyPI wheels, …):
# one script per dependency in scripts/test-deps/, each a no-op when its dependency is present.
# Run by `npm test`; set HDSBENCH_SKIP_TEST_DEPS=1 to skip (e.g. a machine without root).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${HDSBENCH_SKIP_TEST_DEPS:-}" ] && exit 0
for script in scripts/test-deps/*.sh; do
  [ "$(basename "$script")" = lib.sh ] && continue
  bash "$script"
done
