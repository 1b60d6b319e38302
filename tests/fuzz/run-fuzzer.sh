#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time: run-fuzzer.sh TARGET SECONDS SEED_DIR...
# It fuzzes into a scratch corpus seeded from the folders given, so the
# source tree is never written to. When it finds a crash, the input is
# printed in base64 so it can be added to tests/fuzz/corpus/ as a seed.
set -eu
target=$1
seconds=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"

status=0
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/" "$work/corpus" "$@" || status=$?
for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
  [ -e "$crash" ] || continue
  echo "input that failed ($(basename "$crash")), base64:"
  base64 "$crash"
done
exit $status
