#!/usr/bin/env bash
# Builds the corpus tests and runs only the peer-agreement test (tests/corpus/peer_agreement_test.cpp):
# berth's rules against the hadolint, checkov and kube-linter test cases in ../shared/corpus/peers.
# Prints one line per failure (unlisted or stale disagreement, rule under 95%) and the per-rule
# table; exits non-zero when the test fails.
#
#   scripts/peer-agreement.sh            # build dir build-peer (BUILD_DIR=... to change)
#   scripts/peer-agreement.sh --verbose  # the full test output: each case's text and findings
#   scripts/peer-agreement.sh --cases DF201,K8S103   # also list those rules' cases and ids
#                                                    # (`all` for every rule)
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-peer}
verbose=0
cases=""
while (($#)); do
  case $1 in
    --verbose | -v) verbose=1; shift ;;
    --cases) cases=$2; shift 2 ;;
    *) echo "usage: $0 [--verbose] [--cases CODE[,CODE...]|all]" >&2; exit 2 ;;
  esac
done

if [[ ! -f $build/build.ninja ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null || exit 2
fi
if ! ninja -C "$build" berth_corpus_tests >/dev/null; then
  echo "peer-agreement: build failed (ninja -C $build berth_corpus_tests)" >&2
  exit 2
fi

# Missing ../shared is an error here, not a skip: the table would be empty.
output=$(BERTH_REQUIRE_SHARED=${BERTH_REQUIRE_SHARED:-1} BERTH_PEER_CASES=$cases \
  "$build/tests/berth_corpus_tests" -tc='*peer agreement*' 2>&1)
status=$?
if ((verbose)); then
  printf '%s\n' "$output"
  exit $status
fi
# Failure headlines: doctest's "file:line: ERROR: ..." lines, without the location.
printf '%s\n' "$output" | grep -E ': (ERROR|FATAL ERROR): ' | sed -E 's/^.*: (FATAL ERROR|ERROR): /FAIL: /'
if [[ -n $cases ]]; then
  printf '%s\n' "$output" | sed -n '/MESSAGE: cases (peer expects/,/MESSAGE: peer agreement/p' |
    sed -e 's/^.*MESSAGE: //' -e '/^peer agreement/d' -e '/^$/d'
  echo
fi
# The table is the test's last MESSAGE, up to doctest's closing rule.
printf '%s\n' "$output" | sed -n '/MESSAGE: peer agreement (disagreements/,/^=====/p' |
  sed -e 's/^.*MESSAGE: //' -e '/^=====/d' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
printf '%s\n' "$output" | grep -E '^\[doctest\] (assertions|Status)'
exit $status
