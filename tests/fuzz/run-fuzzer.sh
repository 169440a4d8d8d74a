#!/usr/bin/env bash
# Runs one libFuzzer executable for SECONDS over its seeds (ctest label fuzz-smoke): 300 of
# them unless BERTH_SEEDS_MAX says otherwise.
# Usage: run-fuzzer.sh FUZZER SEEDS_ROOT SECONDS. The seeds come from make-seeds.sh into
# SEEDS_ROOT/<target>; new inputs go to a scratch corpus that is thrown away afterwards, and
# a crash leaves its reproducer in SEEDS_ROOT/../fuzz-artifacts/<target>/.
set -euo pipefail
fuzzer=$1 seeds_root=$2 seconds=$3
name=$(basename "$fuzzer")
here=$(cd "$(dirname "$0")" && pwd)
BERTH_SEEDS_MAX=${BERTH_SEEDS_MAX:-300} bash "$here/make-seeds.sh" "$seeds_root" "$name" >/dev/null
artifacts=$seeds_root/../fuzz-artifacts/$name
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$artifacts"
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 -dict="$here/dicts/$name.dict" \
  "$scratch" "$seeds_root/$name" "$here/regressions/$name"
