"""Shared helper for tests/hostile: run build/berth with a timeout and measure its memory."""
import os, signal, subprocess, tempfile, time

# Sanitized builds (make test-sanitize) run several times slower and use more memory; they
# scale the bounds with these factors instead of dropping the checks.
TIME_FACTOR = float(os.environ.get("BERTH_TEST_TIME_FACTOR", "1"))
MEMORY_FACTOR = float(os.environ.get("BERTH_TEST_MEMORY_FACTOR", "1"))
TIMEOUT = float(os.environ.get("BERTH_HOSTILE_TIMEOUT", "10"))
MAX_RSS_KB = 500 * 1024 * MEMORY_FACTOR


class Result:
    def __init__(self, code, out, err, secs, rss_kb, timed_out):
        self.code, self.out, self.err, self.secs = code, out, err, secs
        self.rss_kb, self.timed_out = rss_kb, timed_out


def run(binary, args, cwd=None, stdin_bytes=None, timeout=TIMEOUT):
    """Runs berth; returns a Result with exit code (negative: signal), outputs and maxrss."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryFile() as inp:
        if stdin_bytes is not None:
            inp.write(stdin_bytes)
            inp.seek(0)
        timeout *= TIME_FACTOR
        start = time.monotonic()
        proc = subprocess.Popen([binary] + list(args), cwd=cwd, stdin=inp, stdout=out,
                                stderr=err, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        proc.returncode = 0  # reaped here, keep Popen from waiting again
        secs = time.monotonic() - start
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        out.seek(0)
        err.seek(0)
        return Result(code, out.read(), err.read(), secs, usage.ru_maxrss, timed_out)


def problems(res, what, allowed=(0, 1, 2)):
    """What is wrong with a run that must end in bounded time/memory with exit 0/1/2."""
    bad = []
    if res.timed_out:
        bad.append(f"{what}: timed out after {res.secs:.1f}s")
    elif res.code < 0:
        bad.append(f"{what}: killed by signal {-res.code}")
    elif res.code not in allowed:
        bad.append(f"{what}: exit {res.code}")
    if res.rss_kb > MAX_RSS_KB:
        bad.append(f"{what}: maxrss {res.rss_kb // 1024} MB (limit {MAX_RSS_KB // 1024:.0f} MB)")
    if bad:
        bad[-1] += "\n  stderr: " + res.err.decode("utf-8", "replace")[-800:]
    return bad
