#!/usr/bin/python3
"""Calendar feed benchmark (not part of the test suite; see bench/ical/run.sh).

1. Builds a store of N meetings (default 5,000) in a temporary directory:
   10 committees, each meeting imported from a generated .ics with
   `govern calendar import` (one commit per committee), then every agenda
   published (one commit), so each event has a description with agenda items.
2. Times `govern calendar --output FILE` (the whole job: reading the store's
   Markdown files, git commit times for DTSTAMP, building and writing).
3. Two comparisons, both printed:
   - from pre-extracted JSON (their best case): the events are extracted
     from govern's feed (untimed) into data.json, and python3-icalendar
     (py_feed.py) and ical-generator from npm (node_feed.mjs) only build and
     write the calendar from it;
   - end to end (the same work as govern): py_store_feed.py (python3-yaml +
     python3-icalendar) and node_store_feed.mjs (js-yaml + ical-generator)
     read the store's govern.yaml, committee.md, meeting.md and agenda.md
     files, take the DTSTAMPs from one `git log`, build the same events and
     write them.
4. Checks that every output parses (python3-icalendar, no component errors)
   with the same events as govern's: UIDs, start and end instants, summaries,
   descriptions, locations, URLs, statuses, sequences and stamps.  Prints
   the median wall and CPU time of R runs, the ratios to govern and the peak
   RSS.

Needs Debian's python3-icalendar and python3-yaml (run with /usr/bin/python3)
and node with bench/ical/node_modules (npm ci --prefix bench/ical).
"""
import argparse
import datetime
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import icalendar
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")
    import icalendar

HERE = os.path.dirname(os.path.abspath(__file__))
COMMITTEES = [("cab", "Cabinet"), ("jsc", "Joint Scrutiny Committee"),
              ("csg", "Community Safety Strategy Group"), ("plan", "Planning Committee"),
              ("lic", "Licensing Committee"), ("aud", "Audit, Risk; and Governance"),
              ("hwb", "Health and Wellbeing Board"), ("chs", "Children's Services Select"),
              ("env", "Environment and Transport"), ("pen", "Pension Fund Panel")]
LOCATIONS = ["Council Chamber, Deanes, Basingstoke", "Ashburton Hall; Winchester",
             "Mitchell Room \\ EII Court", "Online (Microsoft Teams)", ""]


def env(t):
    e = dict(os.environ)
    e.update(GOVERN_AUTHOR_NAME="Bench Clerk", GOVERN_AUTHOR_EMAIL="bench@example.org",
             GOVERN_COMMIT_TIME=str(t), NO_COLOR="1", LC_ALL="C.UTF-8")
    return e


def sh(cmd, cwd, t=1700000000):
    p = subprocess.run(cmd, cwd=cwd, env=env(t), capture_output=True)
    if p.returncode:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()))
    return p.stdout


def ics_text(rng, n, year0, slug):
    """n events on distinct weekdays from year0, in UTC (import converts)."""
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    import datetime as dt
    day = dt.date(year0, 1, 2)
    for i in range(n):
        day += dt.timedelta(days=rng.randint(1, 4))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        uid = "bench-%s-%d@example.org" % (slug, i)
        out += ["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20240101T000000Z"]
        if i % 25 == 0:
            out.append("DTSTART;VALUE=DATE:" + day.strftime("%Y%m%d"))
        else:
            hh = rng.choice([9, 10, 14, 18])
            out.append("DTSTART;TZID=Europe/London:%sT%02d%02d00" % (day.strftime("%Y%m%d"), hh,
                                                                   rng.choice([0, 30])))
            out.append("DURATION:PT%dH" % rng.choice([1, 2, 3]))
        loc = rng.choice(LOCATIONS)
        if loc:
            out.append("LOCATION:" + loc.replace("\\", "\\\\").replace(",", "\\,")
                       .replace(";", "\\;"))
        if i % 40 == 7:
            out += ["STATUS:CANCELLED", "SEQUENCE:1", "DESCRIPTION:Cancelled: No business"]
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    return "\r\n".join(out) + "\r\n"


def build_store(work, govern, n):
    store = os.path.join(work, "store")
    sh([govern, "init", store, "--body", "Benchmark County Council"], work)
    with open(os.path.join(store, "govern.yaml"), "a") as f:
        f.write("base_url: https://democracy.example.org/meetings/\n")
    sh(["git", "commit", "-qam", "base_url"], store)
    rng = random.Random(4)
    per = n // len(COMMITTEES)
    t = 1700000100
    for k, (slug, name) in enumerate(COMMITTEES):
        count = per + (1 if k < n % len(COMMITTEES) else 0)
        sh([govern, "committee", "add", slug, "--name", name], store, t)
        path = os.path.join(work, slug + ".ics")
        with open(path, "w") as f:
            f.write(ics_text(rng, count, 2000 + (k % 3), slug))
        t += 60
        sh([govern, "calendar", "import", path, "--committee", slug], store, t)
        t += 60
    # publish every agenda (a hand edit, committed with git: one commit)
    for root, _dirs, files in os.walk(store):
        if "agenda.md" in files:
            p = os.path.join(root, "agenda.md")
            with open(p) as f:
                text = f.read()
            with open(p, "w") as f:
                f.write(text.replace("---\n", "---\npublished: 1999-12-01\n", 1))
    e = env(t)
    e.update(GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="b@example.org", GIT_COMMITTER_NAME="Bench",
             GIT_COMMITTER_EMAIL="b@example.org", GIT_AUTHOR_DATE="@%d +0000" % (t + 60),
             GIT_COMMITTER_DATE="@%d +0000" % (t + 60))
    subprocess.run(["git", "commit", "-qam", "Publish every agenda"], cwd=store, env=e, check=True)
    return store


def timed(cmd, cwd=None, extra_env=None):
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one run.

    The peak RSS comes from GNU time (/usr/bin/time) when it is there: the
    child forked from this process starts with this process's high-water
    mark (tens of MiB after parsing a feed), which wait4() would report as
    the command's; forked from time, it starts small."""
    e = dict(os.environ)
    e.update(extra_env or {})
    rss_file = None
    if os.path.exists("/usr/bin/time"):
        fd, rss_file = tempfile.mkstemp(prefix="govern-bench-rss-")
        os.close(fd)
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=e, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode()
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), err))
    rss = ru.ru_maxrss
    if rss_file:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
        os.unlink(rss_file)
    return wall, ru.ru_utime + ru.ru_stime, rss


def extract(feed_path, out_path):
    with open(feed_path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    tz = [c for c in cal.walk("VTIMEZONE")]
    data = {"name": str(cal["X-WR-CALNAME"]), "timezone": str(cal["X-WR-TIMEZONE"]),
            "vtimezone": tz[0].to_ical().decode() if tz else None, "events": []}
    for e in cal.walk("VEVENT"):
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        all_day = not hasattr(start, "hour")
        ev = {"uid": str(e["UID"]), "summary": str(e["SUMMARY"]),
              "all_day": all_day,
              "start": start.isoformat(), "end": end.isoformat(),
              "status": str(e["STATUS"]), "sequence": int(e["SEQUENCE"]),
              "stamp": e.decoded("DTSTAMP").isoformat(),
              "last_modified": e.decoded("LAST-MODIFIED").isoformat(),
              "description": str(e.get("DESCRIPTION", "")) or None,
              "location": str(e["LOCATION"]) if "LOCATION" in e else None,
              "url": str(e["URL"]) if "URL" in e else None}
        data["events"].append(ev)
    with open(out_path, "w") as f:
        json.dump(data, f)
    return len(data["events"])


def check(path, want):
    """The events of the feed at path, which must equal want (unless None)."""
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    for c in cal.walk():
        if c.errors:
            sys.exit("%s: %s %s" % (path, c.name, c.errors))

    def instant(v):
        return v.isoformat() if not hasattr(v, "hour") else \
            v.astimezone(datetime.timezone.utc).isoformat()
    got = {}
    for e in cal.walk("VEVENT"):
        got[str(e["UID"])] = (
            instant(e.decoded("DTSTART")), instant(e.decoded("DTEND")), str(e["SUMMARY"]),
            str(e.get("DESCRIPTION", "")), str(e.get("LOCATION", "")), str(e.get("URL", "")),
            str(e["STATUS"]), int(e["SEQUENCE"]), instant(e.decoded("DTSTAMP")),
            instant(e.decoded("LAST-MODIFIED")))
    if want is not None and got != want:
        bad = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
        sys.exit("%s: %d events differ from govern's, e.g. %s: %s != %s" %
                 (path, len(bad), bad[0], got.get(bad[0]), want.get(bad[0])))
    return got


def table(title, results, names):
    base, cbase = results["govern calendar"][0], results["govern calendar"][1]
    print("\n" + title)
    print("%-36s %8s %9s %8s %9s %10s" % ("tool", "wall s", "x govern", "CPU s", "x govern",
                                          "peak RSS"))
    for name in ["govern calendar"] + names:
        if name not in results:
            continue
        med, cpu, rss = results[name]
        print("%-36s %8.3f %8.1fx %8.3f %8.1fx %6.1f MiB" % (name, med, med / base, cpu,
                                                             cpu / cbase, rss / 1024))
    for name in names:
        if name in results:
            med, cpu, _rss = results[name]
            print("  govern is %.1fx faster than %s in wall time, %.1fx in CPU time "
                  "(target: 5x): %s" % (med / base, name, cpu / cbase,
                                         "met" if min(med / base, cpu / cbase) >= 5 else
                                         "NOT met"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--govern", required=True)
    ap.add_argument("--meetings", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--node", default=shutil.which("node"))
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--store", help="time an existing store (one --keep left) instead of "
                    "building one; --meetings must match it")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="govern-bench-")
    try:
        t0 = time.perf_counter()
        if a.store:
            store = os.path.abspath(a.store)
        else:
            store = build_store(work, os.path.abspath(a.govern), a.meetings)
        print("store: %d meetings in %s (built in %.1f s)" %
              (a.meetings, store, time.perf_counter() - t0))
        feeds = {k: os.path.join(work, k + ".ics")
                 for k in ("govern", "python", "node", "python-store", "node-store")}
        data = os.path.join(work, "data.json")
        py = "/usr/bin/python3"
        have_node = a.node and all(os.path.isdir(os.path.join(HERE, "node_modules", m))
                                   for m in ("ical-generator", "js-yaml"))
        london = {"TZ": "Europe/London"}
        json_runs = {
            "python3-icalendar": ([py, os.path.join(HERE, "py_feed.py"), data, feeds["python"]],
                                  None, {}),
        }
        store_runs = {
            "python3-yaml + python3-icalendar": ([py, os.path.join(HERE, "py_store_feed.py"),
                                                  feeds["python-store"]], store, {}),
        }
        if have_node:
            json_runs["ical-generator (node)"] = ([a.node, os.path.join(HERE, "node_feed.mjs"),
                                                   data, feeds["node"]], None, london)
            store_runs["js-yaml + ical-generator (node)"] = (
                [a.node, os.path.join(HERE, "node_store_feed.mjs"), feeds["node-store"]], store,
                london)
        else:
            print("ical-generator/js-yaml: not installed (npm ci --prefix bench/ical); skipped")
        runs = {"govern calendar": ([os.path.abspath(a.govern), "calendar", "--output",
                                     feeds["govern"]], store, {})}
        runs.update(json_runs)
        runs.update(store_runs)
        results = {}
        for name, (cmd, cwd, extra) in runs.items():
            samples = []
            for _ in range(a.runs):
                samples.append(timed(cmd, cwd, extra))
                if name == "govern calendar" and not os.path.exists(data):
                    n = extract(feeds["govern"], data)
                    if n != a.meetings:
                        sys.exit("govern's feed has %d events, not %d" % (n, a.meetings))
            results[name] = (statistics.median(s[0] for s in samples),
                             statistics.median(s[1] for s in samples),
                             max(s[2] for s in samples))
        want = check(feeds["govern"], None)
        for k in ("python", "node", "python-store", "node-store"):
            if os.path.exists(feeds[k]):
                check(feeds[k], want)
        print("%d events, median of %d runs, %d CPUs, load average %.1f at the end; every "
              "output parsed by python3-icalendar with no errors and the same events as "
              "govern's" % (a.meetings, a.runs, os.cpu_count(), os.getloadavg()[0]))
        table("From pre-extracted JSON (their best case: no store, no history):", results,
              list(json_runs))
        table("End to end from the store (the same work as govern: front matter, history, "
              "feed):", results, list(store_runs))
        sizes = {k: os.path.getsize(v) for k, v in feeds.items() if os.path.exists(v)}
        print("\noutput bytes: " + ", ".join("%s %d" % kv for kv in sizes.items()))
    finally:
        if a.keep:
            print("kept " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
