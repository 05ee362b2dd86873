#!/usr/bin/env bash
# versitygw (Apache-2.0, github.com/versity/versitygw): an S3-compatible server over a local folder
# (its "posix" backend), started by the object-storage tests on 127.0.0.1. Built with `go install`
# from the Go module proxy into a cache folder outside the repository (a few minutes on 2 idle cores, half an hour on a busy shared machine; once).
set -euo pipefail
VERSION=v1.8.0
DIR="${HDSBENCH_TEST_DEPS_CACHE:-$HOME/.cache/hdsbench-test-deps}/versitygw-${VERSION#v}"
[ -n "${HDSBENCH_VERSITYGW:-}" ] && [ -x "$HDSBENCH_VERSITYGW" ] && exit 0
[ -x "$DIR/versitygw" ] && exit 0
GO=$(command -v go || true)
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "test-deps: versitygw needs Go >= 1.24 to build (not found); install Go, or set HDSBENCH_VERSITYGW to a versitygw binary" >&2
  exit 1
fi
echo "test-deps: building versitygw $VERSION (Go module proxy) into $DIR"
mkdir -p "$DIR"
GOBIN="$DIR" GOFLAGS=-trimpath "$GO" install "github.com/versity/versitygw/cmd/versitygw@$VERSION"
