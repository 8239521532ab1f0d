#!/usr/bin/env python3
"""Time shell commands, for bench/run.sh: with hyperfine when it is installed,
else with a small loop of our own; either way the result is one JSON file in
hyperfine's --export-json shape ({"results": [{"command", "median", "min",
"mean", "user", "system", "times"}]}), times in seconds; user and system are
the mean CPU time per run.

  timer.py OUT.json RUNS WARMUP PREPARE|- NAME=COMMAND...

COMMAND is run without a shell (hyperfine -N): a program and its arguments,
shell-quoted; its output is discarded.  PREPARE ("-" for none) runs before
every run, untimed (hyperfine --prepare); it too is a plain command, so put
shell logic in a script and pass `bash SCRIPT`.  Every COMMAND must exit 0;
a failure stops the measurement with status 1.
"""
import json
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time


def loop(out, runs, warmup, prepare, cmds):
    results = []
    for name, cmd in cmds:
        times, user, system = [], [], []
        for i in range(warmup + runs):
            if prepare:
                subprocess.run(shlex.split(prepare), check=True, stdout=subprocess.DEVNULL)
            u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            r = subprocess.run(shlex.split(cmd), stdout=subprocess.DEVNULL)
            dt = time.perf_counter() - t
            u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if r.returncode != 0:
                sys.exit(f"timer: '{cmd}' exited with {r.returncode}")
            if i >= warmup:
                times.append(dt)
                user.append(u1.ru_utime - u0.ru_utime)
                system.append(u1.ru_stime - u0.ru_stime)
        results.append({"command": name, "median": statistics.median(times), "min": min(times),
                        "mean": statistics.mean(times), "user": statistics.mean(user),
                        "system": statistics.mean(system), "times": times})
    with open(out, "w") as f:
        json.dump({"results": results, "tool": "loop"}, f)


def main():
    out, runs, warmup, prepare = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    prepare = None if prepare == "-" else prepare
    cmds = [a.split("=", 1) for a in sys.argv[5:]]
    if shutil.which("hyperfine"):
        args = ["hyperfine", "-N", "--style", "none", "--runs", str(runs), "--warmup", str(warmup),
                "--export-json", out]
        if prepare:
            args += ["--prepare", prepare]
        for name, cmd in cmds:
            args += ["--command-name", name, cmd]
        r = subprocess.run(args, stdout=subprocess.DEVNULL)
        if r.returncode != 0:
            sys.exit(1)
    else:
        loop(out, runs, warmup, prepare, cmds)


if __name__ == "__main__":
    main()
