#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets into OUT/<target>/ (generated, not committed):
#   fuzz_dockerfile  rule fixtures (rules/*/), ../shared/corpus/real/dockerfiles, the
#                    Dockerfiles in the peers' test suites (hadolint, buildkit, checkov)
#   fuzz_kubernetes  rule fixtures, ../shared/corpus/real/{manifests,helm-templates},
#                    yaml-test-suite, kube-linter and checkov YAML
#   fuzz_config      the rule fixtures' .berth.yaml files, seeds/fuzz_config/, yaml-test-suite
#   fuzz_lsp         seeds/fuzz_lsp/ (hand-written sessions) and generated sessions that open,
#                    edit, hover, ask for code actions and pull diagnostics on corpus files
# Files over 64 KiB (the fuzzers' -max_len) are left out; names are content hashes, so reruns
# are idempotent. Usage: make-seeds.sh OUT [TARGET...] (default: all four targets).
# BERTH_SEEDS_MAX=N keeps an evenly spaced N of each target's seeds (the 60-second smoke runs
# would spend minutes just executing 4,000 corpus files once under ASan).
# ../shared is optional (BERTH_SHARED_DIR overrides it): without it only in-repo seeds are used.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_dockerfile fuzz_kubernetes fuzz_config fuzz_lsp)
exec python3 - "$here" "$(cd "$here/../.." && pwd)" "${BERTH_SHARED_DIR:-$here/../../../shared}" \
  "$out" "${targets[@]}" <<'PYTHON'
import glob, hashlib, json, os, shutil, sys, tempfile

here, src, shared, out, targets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
corpus = os.path.join(shared, "corpus")
MAX = 65536


def files(*patterns):
    for pattern in patterns:
        for path in sorted(glob.glob(pattern, recursive=True)):
            if os.path.isfile(path) and os.path.getsize(path) <= MAX:
                yield path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def jsonl(path, key):
    if not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            value = json.loads(line).get(key)
            if isinstance(value, str):
                yield value.encode()


def is_dockerfile(path):
    name = os.path.basename(path).lower()
    return "dockerfile" in name or name.endswith(".containerfile") or name == "containerfile"


def dockerfile_seeds():
    for p in files(f"{src}/rules/**/*Dockerfile", f"{corpus}/real/dockerfiles/**/*",
                   f"{corpus}/peers/buildkit-parser/**/*", f"{corpus}/peers/checkov/**/*"):
        if is_dockerfile(p) or "/real/dockerfiles/" in p:
            yield read(p)
    yield from jsonl(f"{corpus}/peers/hadolint/cases.jsonl", "dockerfile")
    yield from jsonl(f"{corpus}/peers/buildkit-parser/cases.jsonl", "dockerfile")


def kubernetes_seeds():
    for p in files(f"{src}/rules/**/*.yaml", f"{corpus}/real/manifests/**/*",
                   f"{corpus}/real/helm-templates/**/*", f"{corpus}/peers/yaml-test-suite/**/in.yaml",
                   f"{corpus}/peers/kube-linter/**/*.yaml", f"{corpus}/peers/kube-linter/**/*.yml",
                   f"{corpus}/peers/checkov/**/*.yaml"):
        if not p.endswith(".berth.yaml"):
            yield read(p)


def config_seeds():
    for p in files(f"{src}/rules/**/*.berth.yaml", f"{here}/seeds/fuzz_config/*"):
        yield read(p)
    # yaml-cpp meets the whole of YAML's syntax here first.
    for p in files(f"{corpus}/peers/yaml-test-suite/**/in.yaml"):
        yield read(p)


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def session(uri, language, text):
    """initialize .. exit around one document: open, an incremental edit, hover, code
    actions and a diagnostic pull at a few places, close."""
    lines = text.split("\n")
    last = max(len(lines) - 1, 0)
    msgs = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": None, "rootUri": None, "initializationOptions": {"debounceMs": 0},
            "capabilities": {"textDocument": {"diagnostic": {}, "publishDiagnostics": {},
                                              "hover": {"contentFormat": ["markdown", "plaintext"]}},
                             "workspace": {"workspaceEdit": {"documentChanges": True},
                                           "diagnostics": {"refreshSupport": True}}}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": language, "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0},
                                          "end": {"line": 1, "character": 0}}, "text": "# x\n"},
                               {"range": {"start": {"line": 0, "character": 2},
                                          "end": {"line": 0, "character": 4}}, "text": ""}]}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": last, "character": 0}},
            "context": {"diagnostics": []}}},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/diagnostic", "params": {
            "textDocument": {"uri": uri}}},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}},
        {"jsonrpc": "2.0", "id": 5, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    return b"".join(frame(m) for m in msgs)


def lsp_seeds():
    for p in files(f"{here}/seeds/fuzz_lsp/*"):
        yield read(p)
    # A spread of small corpus files: every 40th, so the set stays small and fixed.
    picks = []
    for kind, pattern in (("dockerfile", f"{src}/rules/dockerfile/**/*Dockerfile"),
                          ("yaml", f"{src}/rules/kubernetes/**/*.yaml"),
                          ("dockerfile", f"{corpus}/real/dockerfiles/**/*"),
                          ("yaml", f"{corpus}/real/manifests/**/*"),
                          ("yaml", f"{corpus}/real/helm-templates/**/*")):
        found = [p for p in files(pattern) if os.path.getsize(p) <= 8192]
        picks += [(kind, p) for p in found[::40]]
    for kind, p in picks:
        text = read(p).decode("utf-8", "replace")
        uri = "file:///w/Dockerfile" if kind == "dockerfile" else "file:///w/k8s/app.yaml"
        yield session(uri, kind, text)


generators = {"fuzz_dockerfile": dockerfile_seeds, "fuzz_kubernetes": kubernetes_seeds,
              "fuzz_config": config_seeds, "fuzz_lsp": lsp_seeds}
os.makedirs(out, exist_ok=True)
for target in targets:
    # Written aside and renamed into place, so a concurrent reader never sees half a corpus.
    tmp = tempfile.mkdtemp(prefix=f".{target}-", dir=out)
    seeds = {}
    for data in generators[target]():
        if len(data) <= MAX:
            seeds.setdefault(hashlib.sha1(data).hexdigest(), data)
    names = list(seeds)  # in generation order: fixtures first, then the corpus
    limit = int(os.environ.get("BERTH_SEEDS_MAX", "0"))
    if 0 < limit < len(names):
        names = [names[i * len(names) // limit] for i in range(limit)]
    for name in names:
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(seeds[name])
    count = len(names)
    final = os.path.join(out, target)
    old = final + ".old." + str(os.getpid())
    if os.path.exists(final):
        os.rename(final, old)
    os.rename(tmp, final)
    shutil.rmtree(old, ignore_errors=True)
    print(f"make-seeds: {count} seeds in {final}")
PYTHON
