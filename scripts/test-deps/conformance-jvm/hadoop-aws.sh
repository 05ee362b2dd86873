#!/usr/bin/env bash
# Spark's s3a:// filesystem for the JVM conformance run (test/conformance-jvm/spark-s3a.test.ts), not for
# `npm test`: hadoop-aws (Apache-2.0) matching the Hadoop client that pyspark bundles (3.4.1 in pyspark
# 4.0.1) and the AWS SDK v2 bundle (Apache-2.0) at the version hadoop-aws 3.4.1 declares
# (hadoop-project 3.4.1: aws-java-sdk-v2.version 2.24.6; 558 MB, which is why CI does not fetch it).
# Downloaded from Maven Central, each checked against the SHA-1 pinned here (Maven Central's), into a cache folder outside
# the repository; a no-op when both jars are there. Run by `npm run test:conformance-jvm`.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
HADOOP_VERSION=3.4.1
AWS_SDK_VERSION=2.24.6
REPO=https://repo1.maven.org/maven2
DIR="${HDSBENCH_TEST_DEPS_CACHE:-$HOME/.cache/hdsbench-test-deps}/hadoop-aws-$HADOOP_VERSION"
# path in the repository, SHA-1
JARS=(
  "org/apache/hadoop/hadoop-aws/$HADOOP_VERSION/hadoop-aws-$HADOOP_VERSION.jar 641d8fe1d7683cdcc05cc3a794c0374553f6bd6a"
  "software/amazon/awssdk/bundle/$AWS_SDK_VERSION/bundle-$AWS_SDK_VERSION.jar 242317b028d951dbbf6a142241e041b684696a3b"
)

missing=()
for entry in "${JARS[@]}"; do [ -f "$DIR/$(basename "${entry% *}")" ] || missing+=("$entry"); done
[ ${#missing[@]} -eq 0 ] && exit 0
command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
command -v sha1sum >/dev/null 2>&1 || apt_install coreutils
mkdir -p "$DIR"
for entry in "${missing[@]}"; do
  jar=${entry% *} expected=${entry#* }
  name=$(basename "$jar")
  echo "test-deps: downloading $name (Maven Central) into $DIR"
  curl -fsSL --retry 3 -o "$DIR/$name.part" "$REPO/$jar"
  actual=$(sha1sum "$DIR/$name.part" | cut -c1-40)
  if [ "$actual" != "$expected" ]; then
    rm -f "$DIR/$name.part"
    echo "test-deps: $name: SHA-1 $actual differs from the pinned $expected" >&2
    exit 1
  fi
  mv "$DIR/$name.part" "$DIR/$name"
done
