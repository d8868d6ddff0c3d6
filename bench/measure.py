"""Times whole processes side by side: each command runs RUNS times, round-robin (so a busy
moment of the machine hits every contender alike), and the median wall time and the peak
resident memory of each are printed as JSON, one object per command label.

    python3 bench/measure.py RUNS LABEL=COMMAND [LABEL=COMMAND ...]

COMMAND is run through /bin/sh with stdout discarded; its exit code must be 0 or 1 (an audit
with findings exits 1). Peak memory comes from wait4's rusage of that one child.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def run_once(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode not in (0, 1):
        sys.exit(f"`{command}` exited with {process.returncode}:\n{stderr}")
    return wall, usage.ru_maxrss  # seconds, KiB


def main():
    runs = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    walls = {label: [] for label, _ in commands}
    peaks = {label: 0 for label, _ in commands}
    for _ in range(runs):
        for label, command in commands:
            wall, rss = run_once(command)
            walls[label].append(wall)
            peaks[label] = max(peaks[label], rss)
    print(json.dumps({label: {"median_s": statistics.median(walls[label]), "min_s": min(walls[label]),
                              "max_s": max(walls[label]), "peak_mb": round(peaks[label] / 1024)}
                      for label, _ in commands}))


if __name__ == "__main__":
    main()
