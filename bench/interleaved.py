#!/usr/bin/env python3
"""Times two commands in alternating rounds and prints both medians (seconds).

The machine's speed drifts within minutes (it is a shared VM), so a ratio between two
commands measured one after the other (all runs of one, then all of the other, as
hyperfine does) mostly measures the drift. Here every round runs both, in alternating
order, after one warm-up run each.

    interleaved.py RUNS CMD_A... -- CMD_B...
"""
import statistics
import subprocess
import sys
import time


def timed(command):
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main():
    runs = int(sys.argv[1])
    split = sys.argv.index("--")
    first, second = sys.argv[2:split], sys.argv[split + 1:]
    timed(first)
    timed(second)
    times = {0: [], 1: []}
    for round_ in range(runs):
        order = (0, 1) if round_ % 2 == 0 else (1, 0)
        for which in order:
            times[which].append(timed(first if which == 0 else second))
    print("%.4f %.4f" % (statistics.median(times[0]), statistics.median(times[1])))


if __name__ == "__main__":
    main()
