#!/usr/bin/env python3
"""Issue 16's benchmark (not part of the test suite): every command of the
issue's table at two or three store sizes, each beside its floors (an lstat
of every file, reading every file), with growth factors, peak RSS, the
peers that are installed (git grep; python3-icalendar end to end, from
bench/ical/py_store_feed.py; taskwarrior if `task` is on PATH and
--taskwarrior-json data exist) and a line per target: PASS or MISS.

  bench/scale.py --govern BUILD/core/cli/govern [--sizes 10k,50k[,200k]]
                 [--history N] [--runs R] [--out DIR] [--only WORD,...]

--only keeps the rows whose name contains one of the words (e.g. --only
actions,fstatat --history 0: `govern actions` beside its floor) and the
targets that can be judged from them.

Stores are generated once with bench/gen_store.py under --out (default
bench/out/scale) and reused.  Each size N has N actions (N/10 meetings, 20
committees, N/2000 municipal years).  --history N (default 1000) also makes
the smallest store with N ordinary-write commits and the approval tags
(gen_store.py --history), its copy without the tags, and the same files
in a single commit, to compare a command's time with and without history.

Times are CPU time (user + system, /usr/bin/time) medians of --runs runs
(default 3): on a shared machine CPU time is the steadier figure; the
ratios are within one run of this script.  Output files go to /dev/null
or a scratch directory; the stores are never written, except for two
reporting cycles added once (`govern cycle add`) so that `cycle report`
and `cycle status` have work to do.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2026-03-01"
ENV = dict(os.environ, GOVERN_AUTHOR_NAME="Bench Clerk", GOVERN_AUTHOR_EMAIL="bench@example.org",
           GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
CYCLES = [
    ["hcssg-cabinet", "--name", "Annual report to Cabinet", "--owner", "hcssg", "--to", "cabinet",
     "--period", "annual", "--due", "first meeting of cabinet in December", "--since", "2001"],
    ["audit-annual", "--name", "Audit annual report", "--owner", "audit", "--to",
     "county-council", "--period", "annual", "--due", "07-31"],
]


def size_of(label):
    return int(label[:-1]) * 1000 if label.endswith("k") else int(label)


def run(cmd, cwd=None):
    """CPU seconds and peak RSS (MiB) of one run; output discarded."""
    with tempfile.NamedTemporaryFile() as t:
        subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", t.name] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        u, s, m = open(t.name).read().strip().splitlines()[-1].split()
    return float(u) + float(s), int(m) / 1024


def measure(cmd, runs, cwd=None):
    r = [run(cmd, cwd) for _ in range(runs)]
    return statistics.median(x[0] for x in r), max(x[1] for x in r)


def make_store(govern, out, label, extra=()):
    path = os.path.join(out, "store-" + label + "".join(extra).replace("--", "-"))
    if os.path.exists(path + ".ready"):
        return path
    shutil.rmtree(path, ignore_errors=True)
    n = size_of(label)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_store.py"), path, "--years",
                    str(max(1, n // 2000)), "--actions", str(n)] + list(extra), check=True,
                   env=ENV, stdout=subprocess.DEVNULL)
    for c in CYCLES:
        subprocess.run([govern, "-C", path, "cycle", "add"] + c, check=True, env=ENV,
                       stdout=subprocess.DEVNULL)
    open(path + ".ready", "w").close()
    return path


def no_tags_copy(src, dst):
    """A copy of src without its tags (a clone without them)."""
    if os.path.exists(dst + ".ready"):
        return dst
    shutil.rmtree(dst, ignore_errors=True)
    subprocess.run(["cp", "-a", src, dst], check=True)
    tags = subprocess.run(["git", "-C", dst, "tag"], capture_output=True, text=True).stdout.split()
    subprocess.run(["git", "-C", dst, "update-ref", "--stdin"],
                   input="".join(f"delete refs/tags/{t}\n" for t in tags), text=True, check=True)
    open(dst + ".ready", "w").close()
    return dst


def single_commit_copy(src, dst):
    """The same files as src, in one commit, no tags."""
    if os.path.exists(dst + ".ready"):
        return dst
    no_tags_copy(src, dst)
    env = dict(ENV, GIT_AUTHOR_DATE="1772323200 +0000", GIT_COMMITTER_DATE="1772323200 +0000",
               GIT_AUTHOR_NAME="Bench Clerk", GIT_AUTHOR_EMAIL="bench@example.org",
               GIT_COMMITTER_NAME="Bench Clerk", GIT_COMMITTER_EMAIL="bench@example.org")
    g = ["git", "-C", dst]
    c = subprocess.run(g + ["commit-tree", "-m", "one commit", "HEAD^{tree}"], capture_output=True,
                       text=True, check=True, env=env).stdout.strip()
    subprocess.run(g + ["update-ref", "refs/heads/main", c], check=True, env=ENV)
    return dst


def commands(govern, store, scratch):
    g = [govern, "-C", store]
    return {
        "check": g + ["check", "--as-of", AS_OF],
        "cycle report": g + ["cycle", "report", "hcssg-cabinet", "--period", "2020", "--as-of",
                             AS_OF],
        "cycle status": g + ["cycle", "status", "--all", "--as-of", AS_OF],
        "calendar --feeds": g + ["calendar", "--feeds", os.path.join(scratch, "feeds"), "--as-of",
                                 AS_OF],
        "calendar --output": g + ["calendar", "--output", os.path.join(scratch, "all.ics"),
                                  "--as-of", AS_OF],
        "actions (work tree)": g + ["actions", "--status", "all", "--format", "json", "--as-of",
                                    AS_OF],
        "actions --rev HEAD": g + ["--rev", "HEAD", "actions", "--status", "all", "--format",
                                   "json", "--as-of", AS_OF],
    }


def floors(store):
    sh = ("find . -path ./.git -prune -o -type f -print0 | xargs -0 cat > /dev/null")
    return {
        "floor: lstat every file": ["du", "-s", "--exclude=.git", store + "/"],
        # what `govern actions` on the work tree cannot do without: an fstatat
        # of every action file, to see a clerk's uncommitted edits
        "floor: fstatat every action file": ["du", "-s", store + "/actions/"],
        "floor: read every file": ["sh", "-c", f"cd '{store}' && {sh}"],
        "peer: git grep -c status: -- actions/": ["git", "-C", store, "grep", "-c", "status:",
                                                  "--", "actions/"],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govern", required=True)
    ap.add_argument("--sizes", default="10k,50k")
    ap.add_argument("--history", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "out", "scale"))
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    only = [w for w in a.only.split(",") if w]
    wanted = lambda name: not only or any(w in name for w in only)
    govern = os.path.abspath(a.govern)
    os.makedirs(a.out, exist_ok=True)
    sizes = a.sizes.split(",")
    scratch = tempfile.mkdtemp(prefix="govern-scale-")
    res = {}  # (name, label) -> (cpu, rss)
    for label in sizes:
        store = make_store(govern, a.out, label)
        print(f"{label}: {store}", file=sys.stderr)
        for name, cmd in list(floors(store).items()) + list(commands(govern, store,
                                                                      scratch).items()):
            if wanted(name):
                res[(name, label)] = measure(cmd, a.runs)
        if shutil.which("task") and os.path.exists(os.path.join(a.out, f"task-{label}")):
            res[("peer: task export", label)] = measure(
                ["env", f"TASKDATA={a.out}/task-{label}", "task", "export"], a.runs)
        if label == sizes[0] and wanted("peer: python3-icalendar all.ics"):
            py = os.path.join(HERE, "ical", "py_store_feed.py")
            res[("peer: python3-icalendar all.ics", label)] = measure(
                ["/usr/bin/python3", py, os.path.join(scratch, "py.ics")], 1, cwd=store)
    hist = {}
    if a.history:
        lab = sizes[0]
        h = make_store(govern, a.out, lab, ("--history", str(a.history)))
        variants = {"history+tags": h,
                    "history, no tags": no_tags_copy(h, h + "-notags"),
                    "one commit": single_commit_copy(h, h + "-one")}
        for v, store in variants.items():
            for name in ("check", "calendar --output", "calendar --feeds"):
                hist[(name, v)] = measure(commands(govern, store, scratch)[name], a.runs)
    shutil.rmtree(scratch, ignore_errors=True)
    report(res, hist, sizes, a.history)


def report(res, hist, sizes, history):
    names = []
    for (n, _) in res:
        if n not in names:
            names.append(n)
    print("| command | " + " | ".join(f"{s} CPU" for s in sizes) + " | growth | peak RSS |")
    print("|---|" + "---:|" * (len(sizes) + 2))
    for n in names:
        cells = [res.get((n, s)) for s in sizes]
        g = (f"×{cells[-1][0] / cells[-2][0]:.1f}" if len(sizes) > 1 and cells[-2] and cells[-1]
             and cells[-2][0] > 0 else "")
        print(f"| {n} | " + " | ".join(f"{c[0]:.2f} s" if c else "" for c in cells) +
              f" | {g} | {max(c[1] for c in cells if c):.0f} MiB |")
    verdicts = []
    if len(sizes) > 1:
        s0, s1 = sizes[-2], sizes[-1]
        data = size_of(s1) / size_of(s0)
        limit = 4.5 / 4 * data  # the 4.5x for 4x data, scaled
        for n in ("check", "cycle report", "cycle status", "calendar --feeds"):
            if (n, s1) not in res:
                continue
            g = res[(n, s1)][0] / max(res[(n, s0)][0], 1e-3)
            verdicts.append((f"{n} linear: growth ≤ ×{limit:.2f} for ×{data:.0f} data",
                             g <= limit, f"×{g:.2f}"))
    top = sizes[-1]
    if ("check", top) in res and ("floor: read every file", top) in res:
        r = res[("check", top)][0] / max(res[("floor: read every file", top)][0], 1e-3)
        verdicts.append((f"check ≤ 2× reading every file ({top})", r <= 2, f"{r:.2f}×"))
    floor = ("floor: fstatat every action file", top)
    if ("actions (work tree)", top) in res and floor in res:
        r = res[("actions (work tree)", top)][0] / max(res[floor][0], 1e-3)
        verdicts.append((f"actions on the work tree ≤ 1.5× the fstatat floor ({top})", r <= 1.5,
                         f"{r:.2f}×"))
    py = res.get(("peer: python3-icalendar all.ics", sizes[0]))
    if py:
        r = py[0] / max(res[("calendar --output", sizes[0])][0], 1e-3)
        verdicts.append((f"all.ics ≥ 5× faster than python3-icalendar ({sizes[0]})", r >= 5,
                         f"{r:.1f}×"))
    rss = max(((v[1], n) for (n, s), v in res.items() if not n.startswith(("floor", "peer"))),
              default=(0, ""))
    verdicts.append(("peak RSS < 128 MiB for every command", rss[0] < 128,
                     f"{rss[0]:.0f} MiB ({rss[1]})"))
    if hist:
        print(f"\nWith history ({sizes[0]}, {history} ordinary-write commits):\n")
        print("| command | one commit | history + tags | history, no tags |")
        print("|---|---:|---:|---:|")
        for n in ("check", "calendar --output", "calendar --feeds"):
            one = hist[(n, "one commit")][0]
            print(f"| {n} | {one:.2f} s | {hist[(n, 'history+tags')][0]:.2f} s | "
                  f"{hist[(n, 'history, no tags')][0]:.2f} s |")
            for v in ("history+tags", "history, no tags"):
                r = hist[(n, v)][0] / max(one, 1e-3)
                verdicts.append((f"{n} with {history} commits ({v}) ≤ 1.2× one commit", r <= 1.2,
                                 f"{r:.2f}×"))
    print()
    for what, ok, fig in verdicts:
        print(f"{'PASS' if ok else 'MISS'}  {what}: {fig}")


if __name__ == "__main__":
    main()
