#!/usr/bin/env python3
"""`berth check` over ../shared/corpus/real under strace: no socket, no execve but its own.
Usage: no_network_test.py BERTH_BINARY SHARED_DIR. Exit 77 (skip) when ../shared or strace is
absent, unless BERTH_REQUIRE_SHARED=1."""
import os, re, shutil, subprocess, sys, tempfile

BERTH, SHARED = os.path.abspath(sys.argv[1]), sys.argv[2]
require = os.environ.get("BERTH_REQUIRE_SHARED") == "1"
corpus = os.path.join(os.environ.get("BERTH_SHARED_DIR", SHARED), "corpus", "real")
if not os.path.isdir(corpus):
    print(f"no-network: NOTICE {corpus} is absent; skipped")
    sys.exit(1 if require else 77)
if not shutil.which("strace"):
    print("no-network: NOTICE strace is not installed (scripts/install-deps.sh installs it); skipped")
    sys.exit(1 if require else 77)
log = os.path.join(tempfile.mkdtemp(prefix="berth-strace-"), "trace")
# LeakSanitizer cannot run under ptrace and fails the sanitized binary: no leak check here
# (every other test has it). The bound scales like the other tests' in sanitized builds.
env = dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
timeout = 600 * float(os.environ.get("BERTH_TEST_TIME_FACTOR", "1"))
for args in (["check", "-q", "--fail-on", "none", "-f", "sarif", corpus],
             ["check", "-q", "--fail-on", "none", "-f", "text", "-j", "1", corpus]):
    proc = subprocess.run(["strace", "-f", "-qq", "-o", log, "-e", "trace=network,execve", BERTH] + args,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout,
                          env=env)
    if proc.returncode != 0:
        print(f"no-network: berth {' '.join(args[:-1])} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
        sys.exit(1)
    lines = open(log).read().splitlines()
    execs = [l for l in lines if "execve(" in l]
    net = [l for l in lines if "execve(" not in l and re.search(r"\b(socket|connect|bind|listen|accept4?|sendto|sendmsg|recvfrom|socketpair)\(", l)]
    bad = [l for l in execs if f'execve("{BERTH}"' not in l] + net
    if len(execs) != 1 or bad:
        print("no-network: FAILED, unexpected syscalls:\n  " + "\n  ".join((bad or execs)[:20]))
        sys.exit(1)
    print(f"no-network: berth {args[-2]}: 1 execve (its own), no network syscall in {len(lines)} traced lines")
sys.exit(0)
