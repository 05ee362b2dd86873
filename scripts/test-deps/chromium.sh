#!/usr/bin/env bash
# Headless Chromium drives the researchers' page and the HTML report in browser tests (at this path).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && exit 0
echo "test-deps: installing chromium (Debian)"
apt_install chromium
