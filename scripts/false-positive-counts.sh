#!/usr/bin/env bash
# Finding counts per rule over the real-world corpus, for the false-positive review:
# `berth check --format json` over ../shared/corpus/real/dockerfiles and, separately,
# ../shared/corpus/real/manifests, with the default rule set (no config file).
#
#   scripts/false-positive-counts.sh                  # both tables
#   scripts/false-positive-counts.sh --show DF201,K8S103 [--limit 50]
#                                                     # also list those rules' findings
#   scripts/false-positive-counts.sh --scope dir      # manifests: one scanned set per
#                                                     # repo (default), dir or file
# Env: BERTH (default build/berth), BERTH_SHARED_DIR (default ../shared).
#
# Files are passed by name: the corpus stores Dockerfiles as `<path with __>__Dockerfile`,
# which directory discovery would not recognise. Manifests are checked one source repository
# (top-level folder) per invocation by default, so cross-resource rules (Service selectors,
# network policies, PDBs, duplicate objects) only see objects of the same project, as with
# `berth check .` at a repository root; `--scope dir|file` narrows the scanned set.
set -euo pipefail
# Paths given in the environment are the caller's; the defaults are the repository's.
[[ -n ${BERTH:-} ]] && BERTH=$(realpath "$BERTH")
[[ -n ${BERTH_SHARED_DIR:-} ]] && BERTH_SHARED_DIR=$(realpath "$BERTH_SHARED_DIR")
cd "$(dirname "$0")/.."
berth=${BERTH:-build/berth}
shared=${BERTH_SHARED_DIR:-../shared}
show=""
limit=40
scope=repo
while (($#)); do
  case $1 in
    --show) show=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --scope) scope=$2; shift 2 ;;
    *) echo "usage: $0 [--show CODE[,CODE...]] [--limit N] [--scope repo|dir|file]" >&2; exit 2 ;;
  esac
done
[[ $scope =~ ^(repo|dir|file)$ ]] || { echo "--scope: repo, dir or file" >&2; exit 2; }
[[ -x $berth ]] || { echo "$berth not found: build it first (ninja -C build berth)" >&2; exit 2; }
[[ -d $shared/corpus/real ]] || { echo "$shared/corpus/real not found (set BERTH_SHARED_DIR)" >&2; exit 2; }

BERTH_BIN=$berth REAL=$shared/corpus/real SHOW=$show LIMIT=$limit SCOPE=$scope python3 - <<'EOF'
import collections, json, os, signal, subprocess, sys

signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the report quietly

berth, real = os.environ["BERTH_BIN"], os.environ["REAL"]
show = {c.strip().upper() for c in os.environ["SHOW"].split(",") if c.strip()}
limit = int(os.environ["LIMIT"])
scope = os.environ["SCOPE"]

def files_under(root):
    out = []
    for d, dirs, names in os.walk(root):
        dirs.sort()
        out += [os.path.join(d, n) for n in sorted(names)]
    return out

def check(paths):
    # --fail-on none: findings are the point here; exit 2 still means berth itself failed.
    # An empty config file keeps a stray .berth.yaml above the corpus from changing the rules.
    proc = subprocess.run([berth, "check", "--format", "json", "--fail-on", "none",
                           "--config", "/dev/null", "--jobs", "0"] + paths,
                          capture_output=True, text=True, errors="replace")
    if proc.returncode not in (0, 2) or not proc.stdout.strip():
        sys.exit(f"berth check failed ({proc.returncode}): {proc.stderr[:2000]}")
    report = json.loads(proc.stdout)
    for error in report.get("errors", []):
        print(f"  error: {error['path']}: {error['message']}", file=sys.stderr)
    return report

def table(title, reports, total_files):
    counts = collections.Counter()
    files = collections.defaultdict(set)
    meta = {}
    listed = collections.defaultdict(list)
    findings = 0
    for report in reports:
        for f in report["findings"]:
            findings += 1
            counts[f["code"]] += 1
            files[f["code"]].add(f["path"])
            meta[f["code"]] = (f["name"], f["severity"])
            if f["code"] in show:
                listed[f["code"]].append(f)
    flagged = len(set().union(*files.values())) if files else 0
    print(f"== {title}: {total_files} files, {findings} findings, {flagged} files with findings")
    print(f"{'code':<8} {'name':<36} {'severity':<8} {'count':>7} {'files':>6}")
    for code in sorted(counts, key=lambda c: (-counts[c], c)):
        name, severity = meta[code]
        print(f"{code:<8} {name:<36} {severity:<8} {counts[code]:>7} {len(files[code]):>6}")
    for code in sorted(listed):
        print(f"\n-- {code} findings (first {limit} of {len(listed[code])})")
        for f in listed[code][:limit]:
            obj = f.get("object")
            where = f" [{obj['kind']} {obj['namespace']}/{obj['name']}]" if obj else ""
            path = os.path.relpath(f["path"], real) if os.path.isabs(f["path"]) else f["path"]
            print(f"{path}:{f['line']}:{f['column']}: {f['message']}{where}")
    print()

dockerfiles = files_under(os.path.join(real, "dockerfiles"))
table("real/dockerfiles", [check(dockerfiles)], len(dockerfiles))

manifest_root = os.path.join(real, "manifests")
groups = collections.defaultdict(list)
for path in files_under(manifest_root):
    relative = os.path.relpath(path, manifest_root)
    # The corpus flattens each repository's paths with `__`: folder = the original folder.
    original = relative.replace("__", "/")
    key = {"repo": relative.split(os.sep)[0], "dir": os.path.dirname(original), "file": relative}[scope]
    groups[key].append(path)
reports = [check(groups[key]) for key in sorted(groups)]
total = sum(len(paths) for paths in groups.values())
table(f"real/manifests (one scanned set per {scope}: {len(groups)} sets)", reports, total)
EOF
