#!/usr/bin/env bash
# Validates the SARIF berth writes, in two independent ways:
#   1. validate.mjs: ajv against the official OASIS SARIF 2.1.0 schema (the errata copy in
#      this directory, identical to shared/schemas/) plus GitHub's ingestion rules;
#   2. Microsoft's SARIF Multitool, `validate --rule-kind "Sarif;Ghas"`. Its exit code is 0
#      even when it finds errors, so its output log is read instead: any error or warning
#      fails. SARIF2006 (URIs reachable) is disabled in multitool.xml: it needs the network.
#      (Its option parser takes list-valued options greedily: the files go first.)
# Usage:
#   validate-sarif.sh tests DIR GOLDEN_DIR   every *.sarif the CLI tests wrote, and the goldens
#   validate-sarif.sh corpus WORK_DIR        berth's SARIF for all of shared/corpus/real
# Exit 77 (skipped) in corpus mode when shared/ is absent, unless BERTH_REQUIRE_SHARED=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
berth=${BERTH_BINARY:-$repo/build/berth}
mode=${1:?usage: validate-sarif.sh tests DIR GOLDEN_DIR | corpus WORK_DIR}

if [ ! -d "$here/node_modules/ajv-draft-04" ]; then
  echo "validate-sarif: $here/node_modules is missing: run scripts/install-deps.sh" >&2
  exit 1
fi

files=()
case "$mode" in
  tests)
    shopt -s nullglob
    files=("$2"/*.sarif "$3"/*.sarif)
    if [ ! -d "$2" ] || [ -z "$(ls "$2"/*.sarif 2>/dev/null)" ]; then
      echo "validate-sarif: no SARIF in $2: the cli tests should have written some" >&2
      exit 1
    fi
    work=$2
    ;;
  corpus)
    shared=${BERTH_SHARED_DIR:-${BERTH_SHARED_DIR_DEFAULT:-$repo/../shared}}
    if [ ! -d "$shared/corpus/real" ]; then
      if [ "${BERTH_REQUIRE_SHARED:-}" = 1 ]; then
        echo "validate-sarif: $shared/corpus/real not found and BERTH_REQUIRE_SHARED=1" >&2
        exit 1
      fi
      echo "SKIPPED: shared/ not found at $shared (set BERTH_SHARED_DIR)"
      exit 77
    fi
    work=$2
    mkdir -p "$work"
    sarif=$work/real-corpus.sarif
    started=$(date +%s.%N)
    status=0
    (cd "$shared/corpus/real" && "$berth" check --format sarif --fail-on none -o "$sarif" .) \
      2> "$work/berth.stderr" || status=$?
    ended=$(date +%s.%N)
    if [ "$status" -ne 0 ]; then
      echo "validate-sarif: berth exited $status on the corpus:" >&2
      head -20 "$work/berth.stderr" >&2
      exit 1
    fi
    gz=$(gzip -c "$sarif" | wc -c)
    echo "corpus: berth wrote $(stat -c %s "$sarif") bytes of SARIF ($gz gzipped) in" \
      "$(awk "BEGIN { printf \"%.2f\", $ended - $started }") s"
    if [ -s "$work/berth.stderr" ]; then cat "$work/berth.stderr"; fi
    files=("$sarif")
    ;;
  *)
    echo "validate-sarif: unknown mode $mode" >&2
    exit 2
    ;;
esac

# The vendored schema must be the one the spec names.
shared_schema=${BERTH_SHARED_DIR:-${BERTH_SHARED_DIR_DEFAULT:-$repo/../shared}}/schemas/sarif-schema-2.1.0.json
if [ -f "$shared_schema" ] && ! cmp -s "$shared_schema" "$here/sarif-schema-2.1.0.json"; then
  echo "validate-sarif: tests/sarif/sarif-schema-2.1.0.json differs from $shared_schema" >&2
  exit 1
fi

node "$here/validate.mjs" "$here/sarif-schema-2.1.0.json" "${files[@]}"

multitool=$here/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -f "$multitool" ]; then
  echo "NOTICE: SARIF Multitool not installed ($multitool); its GitHub checks were skipped"
  exit 0
fi
# npm installs with --ignore-scripts, so the package's own chmod never ran.
[ -x "$multitool" ] || chmod u+x "$multitool" 2>/dev/null || true
# Outside the validated directory, so a later run does not validate the validator's log.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
log=$logs/multitool.sarif
mt_status=0
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
  "$multitool" validate "${files[@]}" --rule-kind "Sarif;Ghas" --config "$here/multitool.xml" \
  --output "$log" --log ForceOverwrite > "$logs/multitool.stdout" 2>&1 || mt_status=$?
if [ ! -s "$log" ]; then
  echo "NOTICE: SARIF Multitool could not run here (exit $mt_status); its GitHub checks were skipped:"
  head -5 "$logs/multitool.stdout"
  exit 0
fi
node --input-type=module - "$log" "${#files[@]}" <<'JS'
import { readFileSync } from 'node:fs';
const [logPath, count] = process.argv.slice(2);
const log = JSON.parse(readFileSync(logPath, 'utf8'));
const problems = [];
for (const run of log.runs) {
  for (const result of run.results ?? []) {
    const level = result.level ?? 'warning';
    if (level !== 'error' && level !== 'warning') continue;
    const where = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '?';
    const message = result.message?.text ??
      `${result.message?.id} ${JSON.stringify(result.message?.arguments ?? [])}`;
    problems.push(`${level} ${result.ruleId} ${where}: ${message}`);
  }
}
for (const problem of problems.slice(0, 30)) console.error(`  ${problem}`);
console.log(`sarif-multitool: ${count} files, ${problems.length} errors or warnings ` +
            `(rule kinds Sarif;Ghas)`);
process.exit(problems.length ? 1 : 0);
JS
