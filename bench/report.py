#!/usr/bin/env python3
"""Print the benchmark's table and its targets, from bench/timer.py's JSON
files (hyperfine's --export-json shape).  Used by bench/run.sh.

Targets (issue 3, item 9):
  govern actions   <= 2x git grep over the same files (median)
  govern actions   >= 20x faster than taskwarrior (task export, median)
  govern actions   peak RSS < 64 MiB
  govern action update <= git commit of one changed file (median)
The targets are computed on the plain work-tree read (the register cache in
use, as a clerk gets it); the GOVERN_NO_CACHE=1 and --rev HEAD rows are for
reference.
A target whose figures are missing is NOT MEASURED, never PASS.
"""
import argparse
import json

LABELS = {
    "govern_actions": "govern actions --status all --format json",
    "govern_nocache": "  same, GOVERN_NO_CACHE=1 (reads every file)",
    "govern_rev": "  same, --rev HEAD (a commit: no work-tree check)",
    "git_grep": "git grep -c status: -- actions/ (floor)",
    "task_export": "task status:pending export",
    "task_list": "task list (all pending, formatted)",
    "git_commit": "git commit -- ONE-FILE",
    "govern_update": "govern action update ID --status done",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="?")
    ap.add_argument("--rss-govern", default="")
    ap.add_argument("--rss-grep", default="")
    ap.add_argument("--rss-task", default="")
    ap.add_argument("--rss-nocache", default="")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    r = {}
    for path in a.files:
        with open(path) as f:
            for res in json.load(f)["results"]:
                r[res["command"]] = res
    rss = {"govern_actions": a.rss_govern, "git_grep": a.rss_grep, "task_export": a.rss_task,
           "govern_nocache": a.rss_nocache}

    print(f"{'command':<44} {'median':>10} {'min':>10} {'CPU':>10} {'runs':>5} {'peak RSS':>10}")
    for key in ["govern_actions", "govern_nocache", "govern_rev", "git_grep", "task_export", "task_list", "git_commit",
                "govern_update"]:
        if key not in r:
            if key not in ("govern_nocache", "govern_rev"):
                print(f"{LABELS[key]:<44} {'not measured':>10}")
            continue
        x = r[key]
        m = rss.get(key)
        ms = f"{int(m) / 1024:.1f} MiB" if m else ""
        cpu = (x.get("user", 0) + x.get("system", 0)) * 1000
        print(f"{LABELS[key]:<44} {x['median'] * 1000:>8.1f}ms {x['min'] * 1000:>8.1f}ms "
              f"{cpu:>8.1f}ms {len(x['times']):>5} {ms:>10}")
    print("(median and min of wall-clock time; CPU = mean user + system time per run)")
    print()

    def med(k):
        return r[k]["median"] if k in r else None

    def line(name, ok, detail):
        verdict = "NOT MEASURED" if ok is None else ("PASS" if ok else "MISS")
        print(f"{verdict:<12} {name:<44} {detail}")

    def cpu(k):
        x = r.get(k)
        return x.get("user", 0) + x.get("system", 0) if x else None

    g, gg, te, gc, gu = (med(k) for k in ("govern_actions", "git_grep", "task_export",
                                          "git_commit", "govern_update"))
    if g is not None and gg is not None:
        line("govern actions <= 2x git grep", g / gg <= 2,
             f"ratio {g / gg:.2f}x (CPU time {cpu('govern_actions') / cpu('git_grep'):.2f}x)")
    else:
        line("govern actions <= 2x git grep", None, "")
    if g is not None and te is not None:
        line(">= 20x faster than taskwarrior", te / g >= 20,
             f"taskwarrior / govern = {te / g:.1f}x "
             f"(CPU time {cpu('task_export') / cpu('govern_actions'):.1f}x)")
    else:
        line(">= 20x faster than taskwarrior", None, "")
    if a.rss_govern:
        kb = int(a.rss_govern)
        line("peak RSS < 64 MiB", kb < 64 * 1024, f"{kb / 1024:.1f} MiB")
    else:
        line("peak RSS < 64 MiB", None, "")
    if gu is not None and gc is not None:
        line("action update <= git commit", gu <= gc,
             f"ratio {gu / gc:.2f}x (CPU time {cpu('govern_update') / cpu('git_commit'):.2f}x)")
    else:
        line("action update <= git commit", None, "")
    if gg is not None and te is not None:
        print(f"\n(for reference: taskwarrior export / git grep = {te / gg:.1f}x, so the "
              f"20x target means govern must be within {te / gg / 20:.2f}x of git grep;\n"
              f" in CPU time {cpu('task_export') / cpu('git_grep'):.1f}x and "
              f"{cpu('task_export') / cpu('git_grep') / 20:.2f}x)")
    print("PASS/MISS compare medians of wall-clock time.")


if __name__ == "__main__":
    main()
