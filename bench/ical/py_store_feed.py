#!/usr/bin/python3
"""The benchmark's end-to-end python side (bench/ical/bench.py): the work
`govern calendar` does, in Python.  It reads the store in the current
directory -- govern.yaml, every committee.md, every meeting.md and agenda.md
(front matter parsed with python3-yaml, its libyaml loader when present) --
takes each meeting's DTSTAMP from the history (one `git log` for all
meetings: the newest commit touching the meeting's directory, as govern
does), builds the same events (summaries, descriptions with the published
agenda's item titles, exempt items by paragraph, URLs, statuses, times) and
writes them with python3-icalendar (py_feed.build()).
    py_store_feed.py OUT.ics
"""
import datetime
import os
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from py_feed import build  # noqa: E402

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def front_matter(path):
    """The YAML between the first two '---' lines, or None without the file."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not text.startswith("---\n"):
        raise SystemExit("%s: no front matter" % path)
    end = text.find("\n---\n", 3)
    return yaml.load(text[4:end + 1], Loader=Loader) or {}


def minutes(v):
    """A time field in minutes: "18:30" (YAML 1.1 reads it as 1110) or None."""
    if v is None:
        return None
    if isinstance(v, int):
        return v
    h, m = str(v).split(":")
    return int(h) * 60 + int(m)


def stamps(dirs):
    """{meeting dir: author time} of the newest commit touching it, and the
    time of the newest commit (for meetings without one)."""
    out = subprocess.run(["git", "log", "--topo-order", "--diff-merges=first-parent",
                          "--name-only", "--format=%x00%at", "--relative", "--", "."],
                         capture_output=True, check=True, text=True).stdout
    got, head = {}, None
    for chunk in out.split("\0")[1:]:
        lines = chunk.split("\n")
        t = int(lines[0])
        if head is None:
            head = t
        for p in lines[1:]:
            d = "/".join(p.split("/")[:2])
            if d in dirs and d not in got:
                got[d] = t
        if len(got) == len(dirs):
            break
    return got, head or 0


def main(dst):
    cfg = yaml.load(open("govern.yaml", encoding="utf-8"), Loader=Loader)
    tz = cfg.get("timezone", "Europe/London")
    base = (cfg.get("base_url") or "").rstrip("/")
    meetings = []
    names = {}
    for slug in sorted(os.listdir(".")):
        c = front_matter(os.path.join(slug, "committee.md")) if os.path.isdir(slug) else None
        if c is None:
            continue
        names[slug] = c.get("name") or slug
        for d in os.listdir(slug):
            mid = slug + "/" + d
            m = front_matter(os.path.join(mid, "meeting.md"))
            if m is not None:
                meetings.append((mid, m, front_matter(os.path.join(mid, "agenda.md"))))
    got, head = stamps({mid for mid, _m, _a in meetings})
    events = []
    for mid, m, a in meetings:
        slug = mid.split("/")[0]
        day = m["date"]
        if isinstance(day, str):
            day = datetime.date.fromisoformat(day)
        t, end = minutes(m.get("time")), minutes(m.get("end"))
        summary = names[slug] + (": " + str(m["title"]) if m.get("title") else "")
        status = m.get("status", "scheduled")
        if m.get("private"):
            desc = "This meeting is held in private."
        else:
            desc = ""
            if status in ("cancelled", "postponed"):
                reason = m.get("reason")
                desc = ("Cancelled" if status == "cancelled" else "Postponed") + \
                    (": " + str(reason) if reason else ".") + "\n\n"
            items = (a or {}).get("items") or []
            if not a or not a.get("published") or not items:
                desc += "The agenda has not been published yet."
            else:
                desc += "Agenda:"
                for i, it in enumerate(items, 1):
                    desc += "\n%d. %s" % (i, it["title"])
                    if it.get("exempt"):
                        desc += (" (exempt: Schedule 12A paragraph %d, not for publication)"
                                 % int(it["exempt"]))
        if t is None:
            start, stop, all_day = day, day + datetime.timedelta(days=1), True
        else:
            start = datetime.datetime.combine(day, datetime.time()) + \
                datetime.timedelta(minutes=t)
            stop = start + datetime.timedelta(minutes=(end - t) if end and end > t else 120)
            all_day = False
        stamp = datetime.datetime.fromtimestamp(got.get(mid, head), datetime.timezone.utc)
        events.append((day, mid, {
            "uid": str(m["uid"]), "summary": summary, "all_day": all_day,
            "start": start, "end": stop,
            "status": {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}.get(status,
                                                                             "CONFIRMED"),
            "sequence": int(m.get("sequence") or 0),
            "stamp": stamp, "last_modified": stamp, "description": desc,
            "location": str(m["location"]) if m.get("location") is not None else None,
            "url": "%s/%s/" % (base, mid) if base else None}))
    events.sort(key=lambda e: (e[0], e[1]))
    body = cfg.get("body", "")
    data = {"name": "%s: all meetings" % body, "timezone": tz,
            "vtimezone": VTIMEZONE if tz == "Europe/London" else None,
            "events": [e for _d, _id, e in events]}
    with open(dst, "wb") as f:
        f.write(build(data))


# the compact zone govern writes (docs/calendar.md)
VTIMEZONE = "\r\n".join([
    "BEGIN:VTIMEZONE", "TZID:Europe/London",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST",
    "DTSTART:19700329T010000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT",
    "DTSTART:19701025T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
    "END:VTIMEZONE"]) + "\r\n"

if __name__ == "__main__":
    main(sys.argv[1])
