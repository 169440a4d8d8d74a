#!/usr/bin/env bash
# Builds the corpus tests and runs only the peer-agreement test (tests/corpus/peer_agreement_test.cpp):
# berth's rules against the hadolint, checkov and kube-linter test cases in ../shared/corpus/peers.
# Prints the per-rule table; any unlisted or stale disagreement is printed above it and makes
# the exit status non-zero.
#
#   scripts/peer-agreement.sh              # build dir: build-peer (BUILD_DIR=... to change)
#   scripts/peer-agreement.sh --table-only # just the table, even when the test fails
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-peer}
table_only=0
[[ ${1:-} == --table-only ]] && table_only=1

if [[ ! -f $build/build.ninja ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null || exit 2
fi
ninja -C "$build" berth_corpus_tests >/dev/null || {
  echo "peer-agreement: build failed (ninja -C $build berth_corpus_tests)" >&2
  exit 2
}

# The table is a doctest MESSAGE; the binary lives in tests/ with current CMake files.
binary=$build/tests/berth_corpus_tests
[[ -x $binary ]] || binary=$build/berth_corpus_tests
output=$(BERTH_REQUIRE_SHARED=${BERTH_REQUIRE_SHARED:-1} "$binary" -tc='*peer agreement*' 2>&1)
status=$?
if ((table_only)); then
  # From the table heading to the end of the MESSAGE block.
  printf '%s\n' "$output" | sed -n '/^  peer agreement (disagreements/,/^=====/p' | sed '$d' |
    sed 's/^  //'
else
  printf '%s\n' "$output"
fi
exit $status
