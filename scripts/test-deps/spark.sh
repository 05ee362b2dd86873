#!/usr/bin/env bash
# Apache Spark for the Spark target tests: pyspark from PyPI (it ships Spark's jars and scripts) in a
# virtual environment under the user's cache (never in the repository), run on Java 17 or later.
# A no-op when that pinned pyspark is already there; test/helpers/spark.ts finds it by the same pin.
# pyspark 4.0 runs on Java 17 or 21 (Spark 4 dropped Java 8 and 11).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
PYSPARK_VERSION=4.0.1
venv="${HDSBENCH_CACHE:-$HOME/.cache/hdsbench}/pyspark-$PYSPARK_VERSION"

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  echo "test-deps: installing Java 17 (Debian openjdk-17-jre-headless)"
  apt_install openjdk-17-jre-headless
fi
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "test-deps: installing python3 with venv (Debian)"
  apt_install python3 python3-venv
fi

[ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null && exit 0
echo "test-deps: installing pyspark $PYSPARK_VERSION (PyPI) into $venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
