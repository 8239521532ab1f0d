#!/usr/bin/env python3
"""Issue 16's benchmark (not part of the test suite): every command of the
issue's table at two or three store sizes, each beside its floors (an lstat
of every file, reading every file), with growth factors, peak RSS, the
peers that are installed (git grep; python3-icalendar end to end, from
bench/ical/py_store_feed.py; taskwarrior if `task` is on PATH and
--taskwarrior-json data exist) and a line per target: PASS or MISS.

  bench/scale.py --govern BUILD/core/cli/govern [--sizes 10k,50k,200k]
                 [--history N] [--runs R] [--out DIR] [--no-writes]
                 [--only WORD,...]

Peers: taskwarrior's `task export` of the same actions (imported once per
size from gen_store.py --taskwarrior-json, when `task` is installed) and
python3-icalendar writing all.ics end to end, at every size.  The write
target: one `govern action update` against git plumbing committing the
same edit (hash-object, update-index, write-tree, commit-tree, update-ref)
in the same store, reset to the generated commit after every run.

--only keeps the rows whose name contains one of the words (e.g. --only
actions,fstatat --history 0: `govern actions` beside its floor) and the
targets that can be judged from them.

Stores are generated once with bench/gen_store.py under --out (default
bench/out/scale; the 200k store takes minutes, so point --out at a
directory that lasts, e.g. /tmp/govern-scale) and reused.  Each size N has N actions (N/10 meetings, 20
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
import json
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
    tw = [] if extra else ["--taskwarrior-json", os.path.join(out, f"task-{label}.json")]
    subprocess.run([sys.executable, os.path.join(HERE, "gen_store.py"), path, "--years",
                    str(max(1, n // 2000)), "--actions", str(n)] + list(extra) + tw, check=True,
                   env=ENV, stdout=subprocess.DEVNULL)
    for c in CYCLES:
        subprocess.run([govern, "-C", path, "cycle", "add"] + c, check=True, env=ENV,
                       stdout=subprocess.DEVNULL)
    open(path + ".ready", "w").close()
    return path




def task_data(out, label):
    """A taskwarrior data directory holding the store's actions (imported
    once), or None without `task` or the JSON."""
    d = os.path.join(out, f"task-{label}")
    js = os.path.join(out, f"task-{label}.json")
    if not shutil.which("task") or not os.path.exists(js):
        return None
    if not os.path.exists(os.path.join(d, "imported")):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(os.path.join(d, "data"))
        with open(os.path.join(d, "taskrc"), "w") as f:
            with open(os.path.join(HERE, "taskrc.in")) as t:
                f.write(t.read().replace("@DATA@", os.path.join(d, "data")))
        # in chunks of 50,000 (one import per chunk)
        with open(js) as f:
            tasks = json.load(f)
        # taskwarrior 2.6 refuses a whole import holding a date before 1980
        # ("missing ']' at position 1"); the 200k store starts in 1926, so
        # such years become 1980 (a leap year): the same work for `export`
        for t in tasks:
            for k in ("due", "entry", "modified"):
                if t.get(k, "9") < "1980":
                    t[k] = "1980" + t[k][4:]
        for k in range(0, len(tasks), 50000):
            part = os.path.join(d, "part.json")
            with open(part, "w") as f:
                json.dump(tasks[k:k + 50000], f)
            r = subprocess.run(["task", "rc.verbose=nothing", "import", part],
                               env=dict(ENV, TASKRC=os.path.join(d, "taskrc")),
                               stdout=subprocess.DEVNULL)
            os.remove(part)
            if r.returncode:
                print(f"warning: task import of {js} failed; no taskwarrior peer at {label}",
                      file=sys.stderr)
                return None
        open(os.path.join(d, "imported"), "w").close()
    return d


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


def open_action(store):
    """An open action's id (its file is the one edited)."""
    out = subprocess.run(["git", "-C", store, "grep", "-l", "-m1", "^status: open$", "HEAD", "--",
                          "actions/"], capture_output=True, text=True).stdout.split("\n")[0]
    return os.path.basename(out.split(":", 1)[1])[:-3]


def git_plumbing_commit(store, path):
    """git plumbing committing one edited file, as one shell command."""
    q = path.replace("'", "")
    return ["sh", "-c", f"cd '{store}' && git hash-object -w '{q}' >/dev/null && "
            f"git update-index '{q}' && t=$(git write-tree) && "
            "c=$(git commit-tree $t -p HEAD -m bench) && git update-ref HEAD $c"]


def writes(govern, store, label, runs):
    """The write target: CPU of one `action update` and of git plumbing
    doing the same edit, each run in the store reset to its commit."""
    head = subprocess.run(["git", "-C", store, "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()
    aid = open_action(store)
    path = f"actions/{aid}.md"
    reset = ["git", "-C", store, "reset", "-q", "--hard", head]
    gov, git = [], []
    for _ in range(runs):
        subprocess.run(reset, check=True)
        gov.append(run([govern, "-C", store, "action", "update", aid, "--status", "done",
                        "--note", "bench", "--as-of", AS_OF]))
        now = subprocess.run(["git", "-C", store, "rev-parse", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
        if now == head:
            sys.exit(f"govern action update {aid} made no commit in {store}")
        subprocess.run(reset, check=True)
        with open(os.path.join(store, path), "a") as f:
            f.write("\nbench\n")
        git.append(run(git_plumbing_commit(store, path)))
    subprocess.run(reset, check=True)
    med = lambda r: (statistics.median(x[0] for x in r), max(x[1] for x in r))  # noqa: E731
    return {("write: govern action update", label): med(gov),
            ("write: git plumbing, same edit", label): med(git)}


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
    ap.add_argument("--sizes", default="10k,50k,200k")
    ap.add_argument("--history", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "out", "scale"))
    ap.add_argument("--only", default="")
    ap.add_argument("--no-writes", action="store_true", help="skip the write target")
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
        td = task_data(a.out, label)
        if td and wanted("peer: taskwarrior task export"):
            res[("peer: taskwarrior task export", label)] = measure(
                ["env", f"TASKRC={td}/taskrc", "task", "rc.verbose=nothing", "rc.gc=off",
                 "rc.hooks=off", "status:pending", "export"], a.runs)
        py = os.path.join(HERE, "ical", "py_store_feed.py")
        if wanted("peer: python3-icalendar all.ics"):
            res[("peer: python3-icalendar all.ics", label)] = measure(
                ["/usr/bin/python3", py, os.path.join(scratch, "py.ics")], 1, cwd=store)
        if not a.no_writes and wanted("write"):
            res.update(writes(govern, store, label, a.runs))
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


def ratio(res, num, den, size):
    n, d = res.get((num, size)), res.get((den, size))
    return n[0] / max(d[0], 1e-3) if n and d else None


def report(res, hist, sizes, history):
    names = []
    for (n, _) in res:
        if n not in names:
            names.append(n)
    top = sizes[-1]
    print("| command | " + " | ".join(f"{s} CPU" for s in sizes) +
          f" | growth {sizes[-2] if len(sizes) > 1 else ''}→{top} | " +
          " | ".join(f"RSS {s}" for s in sizes) + f" | × read floor ({top}) |")
    print("|---|" + "---:|" * (2 * len(sizes) + 2))
    for n in names:
        cells = [res.get((n, s)) for s in sizes]
        g = (f"×{cells[-1][0] / cells[-2][0]:.1f}" if len(sizes) > 1 and cells[-2] and cells[-1]
             and cells[-2][0] > 0 else "")
        fl = ratio(res, n, "floor: read every file", top)
        print(f"| {n} | " + " | ".join(f"{c[0]:.2f} s" if c else "" for c in cells) + f" | {g} | " +
              " | ".join(f"{c[1]:.0f} MiB" if c else "" for c in cells) +
              f" | {'' if fl is None else f'{fl:.2f}'} |")
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
    r = ratio(res, "check", "floor: read every file", top)
    if r is not None:
        verdicts.append((f"check ≤ 2× reading every file ({top})", r <= 2, f"{r:.2f}×"))
    r = ratio(res, "actions (work tree)", "floor: fstatat every action file", top)
    if r is not None:
        verdicts.append((f"actions on the work tree ≤ 1.5× the fstatat floor ({top})", r <= 1.5,
                         f"{r:.2f}×"))
    r = ratio(res, "peer: taskwarrior task export", "actions (work tree)", top)
    if r is not None:
        verdicts.append((f"actions ≥ 20× faster than taskwarrior's export ({top})", r >= 20,
                         f"{r:.1f}×"))
    r = ratio(res, "peer: python3-icalendar all.ics", "calendar --output", top)
    if r is not None:
        verdicts.append((f"all.ics ≥ 5× faster than python3-icalendar ({top})", r >= 5,
                         f"{r:.1f}×"))
    r = ratio(res, "write: govern action update", "write: git plumbing, same edit", top)
    if r is not None:
        verdicts.append((f"action update no slower than git plumbing ({top})", r <= 1,
                         f"{r:.2f}×"))
    for n in names:
        if n.startswith(("floor", "peer", "write: git")) or (n, top) not in res:
            continue
        rss = res[(n, top)][1]
        verdicts.append((f"peak RSS < 128 MiB: {n} ({top})", rss < 128, f"{rss:.0f} MiB"))
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
    print(f"\n(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
