#!/usr/bin/env python3
"""Hostile inputs for build/berth (ctest label hostile): every run must end within the
timeout and 500 MB, exit 0/1/2, never die by a signal, and say something (a finding or a
message) about inputs it cannot analyse. Usage: hostile_test.py BERTH_BINARY SOURCE_DIR"""
import glob, os, random, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from berthrun import run, problems  # noqa: E402

BERTH, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
failures = []
known = []
cases = 0
# Known crashes not yet fixed, reported as KNOWN FAILURE and failing the test only with
# BERTH_HOSTILE_STRICT=1. Empty: "2 MB of backslash continuations" and "Helm template
# unterminated {{" aborted in Debian's libtree-sitter 0.20.7 (16-bit child counts); berth now
# builds tree-sitter 0.22.4 from npm (grammars/CMakeLists.txt), and section 12 covers that class.
KNOWN_CRASHES = set()
STRICT = os.environ.get("BERTH_HOSTILE_STRICT") == "1"


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


def check(what, args, cwd=None, stdin_bytes=None, needs_output=True, allowed=(0, 1, 2), timeout=None):
    global cases
    cases += 1
    res = run(BERTH, ["check", "--color", "never"] + list(args), cwd=cwd, stdin_bytes=stdin_bytes,
              **({"timeout": timeout} if timeout else {}))
    bad = problems(res, what, allowed)
    if not bad and needs_output and not (res.out.strip() or res.err.strip()):
        bad.append(f"{what}: exit {res.code} with no output at all")
    if bad and what in KNOWN_CRASHES and not STRICT:
        known.extend(bad)
    else:
        failures.extend(bad)
    return res


def main():
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="berth-hostile-")
    rnd = random.Random(1234)

    # 1. Every rule fixture truncated at every line (and mid-line), batched per rule kind.
    fixtures = [f for f in glob.glob(os.path.join(SRC, "rules", "*", "*", "*"))
                if os.path.isfile(f) and not f.endswith((".cpp", ".h", ".md"))
                and not f.endswith(".berth.yaml")]
    assert fixtures, "no rule fixtures found"
    batches = {}
    for fx in fixtures:
        data = open(fx, "rb").read()
        lines = data.splitlines(keepends=True)
        rule = os.path.relpath(os.path.dirname(fx), os.path.join(SRC, "rules")).replace("/", "_")
        name = os.path.basename(fx)
        batch = os.path.join(tmp, "trunc", rule.split("_")[0] + str(len(batches.get(rule.split("_")[0], [])) // 400))
        for k in range(len(lines) + 1):
            cut = b"".join(lines[:k])
            d = os.path.join(batch, f"{rule}-{name}-L{k}")
            write(os.path.join(d, name), cut)
            if k < len(lines) and len(lines[k]) > 2:
                write(os.path.join(d + "m", name), cut + lines[k][: len(lines[k]) // 2])
            batches.setdefault(rule.split("_")[0], []).append(d)
    for batch in sorted(set(os.path.dirname(d) for v in batches.values() for d in v)):
        res = check(f"truncated fixtures in {batch}", ["-q", "--fail-on", "none", batch],
                    needs_output=False)
        if res.code != 0 or res.timed_out:
            # Narrow down which file misbehaves.
            for d in sorted(os.listdir(batch)):
                check(f"truncated fixture {d}", ["-q", os.path.join(batch, d)], needs_output=False)

    # 2. Encodings and odd bytes, as Dockerfiles and as manifests.
    base_df = "FROM alpine:3.19\nRUN echo hi\nUSER nobody\nCMD [\"sh\"]\n"
    base_k8s = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                "  - name: c\n    image: nginx:1.25\n")
    odd = {
        "invalid-utf8": lambda s: s.encode().replace(b"hi", b"h\xff\xfe\xc3\x28i"),
        "overlong-utf8": lambda s: s.encode() + b"# \xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\n",
        "nul": lambda s: s.encode().replace(b"\n", b"\x00\n", 2),
        "crlf": lambda s: s.encode().replace(b"\n", b"\r\n"),
        "lone-cr": lambda s: s.encode().replace(b"\n", b"\r"),
        "bom": lambda s: b"\xef\xbb\xbf" + s.encode(),
        "utf16-bom": lambda s: s.encode("utf-16"),
        "empty": lambda s: b"",
        "only-newlines": lambda s: b"\n" * 1000,
        "only-bom": lambda s: b"\xef\xbb\xbf",
        "no-final-newline": lambda s: s.encode().rstrip(b"\n"),
    }
    for name, f in odd.items():
        for fname, content in (("Dockerfile", base_df), ("pod.yaml", base_k8s)):
            p = write(os.path.join(tmp, "odd", name, fname), f(content))
            check(f"{name} {fname}", [p], needs_output=name not in ("empty",))
            check(f"{name} {fname} via stdin", ["-", "--stdin-filename", fname],
                  stdin_bytes=open(p, "rb").read(), needs_output=False)

    # 3. Size: 100,000-line Dockerfile and manifest, a 2 MB single line.
    big = "FROM alpine:3.19\n" + "".join(f"RUN echo line {i} && \\\n  true\n" if i % 7 == 0
                                          else f"ENV V{i}=x\n" for i in range(100000))
    # ~1 s: variable lookups and "earlier RUN" questions per instruction used to rescan the
    # file (quadratic, ~9 s); the default bound catches a regression.
    check("100k-line Dockerfile", [write(os.path.join(tmp, "big", "Dockerfile"), big)])
    bigk = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\ndata:\n  k: v\n"
                   for i in range(100000 // 7))
    check("100k-line manifest", [write(os.path.join(tmp, "bigk", "cm.yaml"), bigk)])
    check("2 MB single-line RUN", [write(os.path.join(tmp, "line", "Dockerfile"),
                                         "FROM alpine:3.19\nRUN echo " + "a" * (2 << 20) + "\n")])
    check("2 MB single-line YAML", [write(os.path.join(tmp, "line", "x.yaml"),
                                          "apiVersion: v1\nkind: ConfigMap\ndata: {k: \"" + "a" * (2 << 20) + "\"}\n")])
    check("2 MB of backslash continuations", [write(os.path.join(tmp, "cont", "Dockerfile"),
                                                    "FROM alpine:3.19\nRUN a" + "\\\n" * 200000 + "\n")])

    # 4. Deep nesting.
    n = 10000
    deep = {
        "flow-seq.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: " + "[" * n + "]" * n + "\n",
        "flow-map.yaml": "apiVersion: v1\nkind: ConfigMap\ndata: " + "{a: " * n + "1" + "}" * n + "\n",
        "flow-unclosed.yaml": "kind: Pod\nspec: " + "[{" * n + "\n",
        "block-map.yaml": "kind: Pod\nspec:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(n)),
        "block-seq.yaml": "kind: Pod\nspec:\n" + "".join(" " * i + "-\n" for i in range(n)) + " " * n + "- x\n",
        "compact-seq.yaml": "kind: Pod\nspec: " + "- " * n + "x\n",
        "deep.json": '{"kind": "Pod", "spec": ' + "[" * n + "]" * n + "}\n",
    }
    for name, text in deep.items():
        check(f"10,000-deep {name}", [write(os.path.join(tmp, "deep", name), text)])
    check("10,000-deep JSON exec form", [write(os.path.join(tmp, "deep", "Dockerfile"),
                                               "FROM alpine:3.19\nCMD " + "[" * n + '"sh"' + "]" * n + "\n")])
    check("10,000-deep unclosed exec form", [write(os.path.join(tmp, "deep2", "Dockerfile"),
                                                   "FROM alpine:3.19\nENTRYPOINT " + "[{" * n + "\n")])

    # 5. YAML alias bombs (billion laughs) and alias cycles.
    bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 30):
        bomb += f"x{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]\n"
    bomb += "data: *a29\n"
    check("YAML alias bomb", [write(os.path.join(tmp, "bomb", "bomb.yaml"), bomb)])
    pod_bomb = base_k8s + "    env: &e\n    - {name: A, value: b}\n" + "".join(
        f"x{i}: &x{i} [*{'e' if i == 0 else 'x' + str(i - 1)}, *{'e' if i == 0 else 'x' + str(i - 1)}]\n" for i in range(60))
    check("YAML alias bomb in a Pod", [write(os.path.join(tmp, "bomb2", "pod.yaml"), pod_bomb)])
    check("YAML self alias", [write(os.path.join(tmp, "bomb3", "a.yaml"), "a: &x [*x]\nb: *y\nc: &z {<<: *z}\n")])

    # 6. Heredocs and escape directives.
    heredocs = {
        "unterminated": "FROM alpine:3.19\nRUN <<EOF\necho hi\n",
        "unterminated-many": "FROM alpine:3.19\nRUN <<A <<B <<C cat\n",
        "unterminated-copy": "FROM alpine:3.19\nCOPY <<EOF /x\n" + "line\n" * 1000,
        "empty-delim": "FROM alpine:3.19\nRUN <<\n<<''\n<<\"\n",
        "1000-heredocs": "FROM alpine:3.19\nRUN " + " ".join(f"<<E{i}" for i in range(1000)) + "\n",
    }
    for name, text in heredocs.items():
        check(f"heredoc {name}", [write(os.path.join(tmp, "heredoc", name, "Dockerfile"), text)])
    for i, esc in enumerate(["`", "\\", "", "x", "``", "\\\\", "\x00", "\xff", "`" * 5000, "\n", " ", "\t`"]):
        text = f"# escape={esc}\n# syntax=docker/dockerfile:1\nFROM alpine:3.19\nRUN echo a `\n  b \\\n  c\n"
        check(f"escape directive {esc[:5]!r}", [write(os.path.join(tmp, "escape", str(i), "Dockerfile"), text)])
    check("many directives", [write(os.path.join(tmp, "escape", "many", "Dockerfile"),
                                   "# escape=`\n" * 10000 + "FROM alpine\n")])

    # 7. Helm templates, binary files, random garbage named like inputs.
    helm = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"x.fullname\" . }}\n"
            "spec:\n  {{- if .Values.replicas }}\n  replicas: {{ .Values.replicas }}\n  {{- end }}\n"
            "  template:\n    spec:\n      containers:\n      {{- range .Values.c }}\n      - image: {{ .image | quote }}\n"
            "      {{- end }}\n{{ toYaml .Values.extra | indent 8 }}\n")
    check("Helm template", [write(os.path.join(tmp, "chart", "templates", "deployment.yaml"), helm),
                            write(os.path.join(tmp, "chart", "Chart.yaml"), "apiVersion: v2\nname: x\nversion: 1.0.0\n")])
    check("Helm template unterminated {{", [write(os.path.join(tmp, "chart2", "templates", "a.yaml"),
                                                  "kind: Pod\nmetadata: {{ {{ {{\n" + "{{" * 50000)])
    binary = bytes(rnd.randrange(256) for _ in range(200000))
    for fname in ("Dockerfile", "bin.yaml", "x.json", "Containerfile"):
        check(f"binary {fname}", [write(os.path.join(tmp, "bin", fname), binary)], needs_output=False)
    elf = open(BERTH, "rb").read()[: 4 << 20]
    check("berth's own ELF as a Dockerfile", [write(os.path.join(tmp, "elf", "Dockerfile"), elf)], needs_output=False)
    check("berth's own ELF as YAML", [write(os.path.join(tmp, "elf", "a.yaml"), elf)], needs_output=False)
    check("binary on stdin", ["-", "--stdin-filename", "Dockerfile"], stdin_bytes=binary, needs_output=False)
    for i in range(20):  # random token soup
        toks = ["FROM", "RUN", "[", "]", "{", "}", "\\\n", "<<EOF", "EOF", "\"", "'", "$", "${", "}",
                "ARG", "COPY", "--from=", "AS", "\n", " ", ":", "- ", "&a", "*a", "!!binary", "---", "\t", "#"]
        text = "".join(rnd.choice(toks) for _ in range(5000))
        write(os.path.join(tmp, "soup", str(i), "Dockerfile"), text)
        write(os.path.join(tmp, "soup", str(i), "k.yaml"), text)
    check("token soup", [os.path.join(tmp, "soup")], needs_output=False)

    # 8. A file over max-file-size, set through a config.
    d = os.path.join(tmp, "maxsize")
    write(os.path.join(d, ".berth.yaml"), "max-file-size: 1KiB\n")
    write(os.path.join(d, "Dockerfile"), "FROM alpine:3.19\n" + "RUN true\n" * 1000)
    res = check("file over max-file-size", [d])
    if b"Dockerfile" not in res.out + res.err:
        failures.append("file over max-file-size: the Dockerfile is not named in the output")
    res = check("file over max-file-size via --config", ["--config", os.path.join(d, ".berth.yaml"),
                                                         os.path.join(d, "Dockerfile")])

    # 9. Unreadable files and directories.
    d = os.path.join(tmp, "unreadable")
    f = write(os.path.join(d, "file", "Dockerfile"), base_df)
    sub = os.path.join(d, "dir", "sub")
    write(os.path.join(sub, "Dockerfile"), base_df)
    os.chmod(f, 0)
    os.chmod(sub, 0)
    try:
        if os.access(f, os.R_OK):
            print("hostile: NOTICE running as root, chmod 000 does not block reads; "
                  "unreadable file/directory sub-case skipped")
        else:
            for target in (f, os.path.dirname(f), sub, os.path.join(d, "dir")):
                res = check(f"unreadable {os.path.relpath(target, tmp)}", [target])
                if res.code != 2 and not res.err.strip():
                    failures.append(f"unreadable {target}: no error message")
    finally:
        os.chmod(sub, 0o755)
        os.chmod(f, 0o644)

    # 10. Symlink loops, dangling symlinks, a FIFO and a device posing as inputs.
    d = os.path.join(tmp, "links")
    os.makedirs(os.path.join(d, "a", "b"))
    os.symlink("..", os.path.join(d, "a", "b", "up"))
    os.symlink(d, os.path.join(d, "a", "root"))
    os.symlink("self", os.path.join(d, "self"))
    os.symlink("loop2", os.path.join(d, "loop1"))
    os.symlink("loop1", os.path.join(d, "loop2"))
    os.symlink("nowhere", os.path.join(d, "Dockerfile"))
    os.symlink("/dev/zero", os.path.join(d, "a", "Dockerfile"))
    os.mkfifo(os.path.join(d, "a", "fifo.yaml"))
    write(os.path.join(d, "a", "b", "Dockerfile"), base_df)
    check("symlink loops", [d])
    check("symlink loop as argument", [os.path.join(d, "self")])
    check("/dev/zero as argument", ["--stdin-filename", "x", "/dev/zero"])

    # 11. Odd arguments.
    check("nonexistent path", [os.path.join(tmp, "does-not-exist")])
    check("empty path argument", [""])

    # 12. Nodes with 65,536 children or more, and scanner states over the runtime's 1024-byte
    # buffer: each of these crashed or corrupted memory inside tree-sitter before (16-bit child
    # counts in Debian's libtree-sitter 0.20.7; serialization overruns in the npm scanners).
    n = 70000
    wide = {
        "yaml-comments/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n" + "# c\n" * n + "data: {}\n",
        "yaml-unclosed-flow/a.yaml": "apiVersion: v1\nkind: ConfigMap\ndata: " + "[a, " * n + "\n",
        "yaml-compact-seq/a.yaml": "kind: Pod\nspec:\n  " + "- " * n + "x: ]\n",
        "yaml-question-keys/a.yaml": "kind: Pod\n" + "? " * 2000 + "x\n",
        "df-comments-in-continuation/Dockerfile": "FROM alpine:3.19\nRUN a \\\n" + "# c\n" * n + "  b\n",
        "df-blank-in-continuation/Dockerfile": "FROM alpine:3.19\nRUN a \\\n" + "\n" * n + "  b\n",
        "df-backtick-continuations/Dockerfile": "# escape=`\nFROM alpine:3.19\nRUN a" + "`\n" * n + "\n",
        "sh-comments-heredoc/Dockerfile": "FROM alpine:3.19\nRUN <<EOF\n" + "# c\n" * n + "EOF\n",
        "sh-unclosed-braces/Dockerfile": "FROM alpine:3.19\nRUN " + "{ " * n + "\n",
        "sh-unclosed-if/Dockerfile": "FROM alpine:3.19\nRUN " + "if true; then " * n + "\n",
        "sh-unclosed-subst/Dockerfile": "FROM alpine:3.19\nRUN echo " + "\"$(echo " * n + "\n",
        "sh-many-heredocs/Dockerfile": "FROM alpine:3.19\nRUN cat " + " ".join(f"<<{'D' * 200}{i}" for i in range(50)) + "\n",
    }
    for name, text in wide.items():
        check(f"wide node: {name}", [write(os.path.join(tmp, "wide", name), text)], needs_output=False)

    elapsed = time.monotonic() - start
    print(f"hostile: {cases} runs in {elapsed:.1f}s")
    for k in known:
        print("hostile: KNOWN FAILURE (BERTH_HOSTILE_STRICT=1 fails on it):", k)
    if failures:
        print(f"hostile: {len(failures)} FAILED:")
        for f in failures:
            print(" -", f)
        return 1
    print("hostile: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
