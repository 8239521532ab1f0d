#!/usr/bin/env python3
"""Generate a large, valid governance store for the benchmark (issue 3, item 9).

The store is the size of twenty-odd years of a county council's committees:
by default (--scale full) 20 committees x 25 municipal years x 10 meetings,
about 5,000 meetings, each with meeting.md and agenda.md and, when held,
minutes.md, plus 50,000 action files under actions/.  Every file is in the
formats of docs/format.md and of the lead's brief for minutes.md and
actions/ID.md, in govern's canonical form, so `govern check` is clean on it.

The output is a function of the arguments only (fixed seed, fixed commit
time, no clock, no uuid module): two runs give byte-identical trees and the
same commit id.  The repository gets ONE commit, written with
`git fast-import` (blobs streamed from memory), then checked out; with
--history N, N more commits of ordinary writes (one action file each) and an
annotated tag minutes/MEETING on every approved minutes, as `govern minutes
approve` makes them (--no-tags: a clone without them).

  gen_store.py DIR [--scale small|full] [--seed N] [--as-of YYYY-MM-DD]
               [--committees N] [--years N] [--meetings N] [--actions N]

DIR must not exist or be empty.  Prints a one-line summary on stdout.
Standard library only.
"""
import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time

SCALES = {
    # committees, municipal years, meetings per year, actions in total
    "small": (3, 3, 10, 300),
    "full": (20, 25, 10, 50000),
}
AS_OF = "2026-03-01"
COMMIT_TIME = 1772323200  # 2026-03-01T00:00:00Z, fixed for a stable commit id

# Twenty bodies of a county council, slug -> (name, short name, kind).
BODIES = [
    ("cabinet", "Cabinet", "CAB", "executive"),
    ("county-council", "County Council", "CC", "committee"),
    ("audit", "Audit Committee", "AUD", "committee"),
    ("pensions", "Pension Fund Panel and Board", "PEN", "committee"),
    ("standards", "Standards and Ethics Committee", "STD", "committee"),
    ("employment", "Employment in Hampshire County Council Committee", "EHCC", "committee"),
    ("regulatory", "Regulatory Committee", "REG", "committee"),
    ("licensing", "Licensing Sub-Committee", "LIC", "sub-committee"),
    ("children-select", "Children and Young People Select Committee", "CYPSC", "committee"),
    ("adults-select", "Health and Adult Social Care Select Committee", "HASC", "committee"),
    ("environment-select", "Universal Services Select Committee", "USSC", "committee"),
    ("policy-resources", "Policy and Resources Select Committee", "PRSC", "committee"),
    ("health-wellbeing", "Health and Wellbeing Board", "HWB", "partnership"),
    ("corporate-parenting", "Corporate Parenting Board", "CPB", "committee"),
    ("schools-forum", "Hampshire Schools Forum", "HSF", "partnership"),
    ("hcssg", "Hampshire Community Safety Strategy Group", "HCSSG", "partnership"),
    ("cdjsc", "Crime and Disorder Joint Scrutiny Committee", "CDJSC", "committee"),
    ("transport", "Transport Advisory Panel", "TAP", "committee"),
    ("economy", "Economy, Transport and Environment Panel", "ETE", "committee"),
    ("culture", "Culture, Communities and Business Services Panel", "CCBS", "committee"),
]
# A sub-committee needs a parent that exists.
PARENTS = {"licensing": "regulatory"}

SURNAMES = [
    "Miller", "Gardiner", "Taylor", "Forster", "Wildsmith", "Collings", "Crawford",
    "Jeffers", "Smith", "Bound", "Mans", "Heron", "Drew", "Keast", "Perry", "Lovegrove",
    "Tod", "Kemp-Gee", "Chadd", "Fairhurst", "Humby", "Joy", "Kendal", "McNair Scott",
    "North", "Oppenheimer", "Parker-Jones", "Reid", "Stallard", "Thornber", "Warwick",
    "Westbrook", "Carpenter", "Davies", "Glen", "House", "Latham", "Mellor", "Porter",
    "Bolton", "Burgess", "Cooper", "Dowden", "Grajewski", "Harvey", "Hayre", "Hiscock",
]
INITIALS = "ABCDEFGHJKLMNPRSTW"
ORGANISATIONS = [
    "Hampshire Constabulary", "Hampshire and Isle of Wight Fire and Rescue Service",
    "Safer North Hampshire CSP", "NHS Hampshire and Isle of Wight",
    "Probation Service", "Office of the Police and Crime Commissioner",
    "Basingstoke and Deane Borough Council", "Hart District Council",
    "Rushmoor Borough Council", "Test Valley Borough Council", "Winchester City Council",
    "Environment Agency", "Hampshire Association of Local Councils",
    "Youth Offending Team", "Hampshire Cultural Trust",
]
OFFICER_TITLES = [
    "Director of Public Health", "Head of Finance", "Chief Executive",
    "Director of Children's Services", "Director of Adults' Health and Care",
    "Head of Legal Services", "Democratic Services Officer", "Head of Audit",
    "Community Safety Manager", "Director of Economy, Transport and Environment",
    "Head of Pensions", "Head of Highways", "Head of Property Services",
]
TOPICS = [
    "the revenue budget", "the capital programme", "the treasury management strategy",
    "the internal audit plan", "the risk register", "school place planning",
    "the home to school transport review", "the adult social care charging policy",
    "the domestic abuse strategy", "the serious violence duty", "the highways asset plan",
    "the winter maintenance programme", "the climate change strategy",
    "the waste and resources contract", "the library service review",
    "the countryside access plan", "the youth justice plan", "the pension fund valuation",
    "the corporate parenting strategy", "the workforce strategy", "the performance report",
    "the commissioning plan", "the safeguarding annual report", "the flood risk strategy",
]
REPORT_KINDS = ["Annual report on", "Update on", "Review of", "Proposals for", "Consultation on"]
VERBS = [
    "Circulate", "Report back on", "Provide a briefing note on", "Write to the partners about",
    "Bring a further report on", "Arrange a site visit about", "Share the figures for",
    "Confirm the timetable for", "Review the costs of", "Publish the summary of",
]
CLOSINGS = [
    "to all members of the committee", "before the next meeting",
    "including the figures for each district", "with the partners' returns",
    "and the options considered", "in time for the budget round",
]
NOTES = [  # for entries that do not close the action
    "Chased by email", "Awaiting partner return", "Discussed at the agenda planning meeting",
    "Deadline extended at the owner's request", "Partial update received",
]
CLOSING_NOTES = {
    "done": ["Update received and circulated", "Briefing note sent to members",
             "Completed as reported at the meeting"],
    "dropped": ["No longer needed after the restructure", "Superseded by a later action"],
    "in-progress": ["Work started", "Owner confirmed the timetable"],
}
CLERKS = ["Jane Clerk", "Tom Officer", "Priya Democratic", "Sam Services", "Alex Minutes"]
LOCATIONS = [
    "Ashburton Hall, Elizabeth II Court, Winchester", "Mitchell Room, Elizabeth II Court, Winchester",
    "Council Chamber - Deanes, Basingstoke", "Remote meeting", "Chute Room, Elizabeth II Court, Winchester",
]
# Municipal year May-April; no meetings in August (recess) or December (the
# Christmas break would eat the notice period).
MONTHS = [5, 6, 7, 9, 10, 11, 1, 2, 3, 4]
STATUSES_OLD = ["done"] * 17 + ["dropped"] * 2 + ["open"]
STATUSES_NEW = ["open"] * 5 + ["in-progress"] * 3 + ["done"] * 3 + ["dropped"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def person(rng):
    return f"{rng.choice(INITIALS)} {rng.choice(SURNAMES)}"


def long_date(d):
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def uid(rng):
    """A version 4 UUID from the seeded generator (uuid.uuid4 is not seedable)."""
    b = bytearray(rng.getrandbits(8) for _ in range(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}@govern"


def meeting_date(year, month, cidx):
    """A weekday of MONTH for committee CIDX: (cidx%3+1)th week, weekday cidx%5.
    January meetings fall in the third or fourth week, after New Year."""
    week = cidx % 3 + (2 if month == 1 else 0)
    d = dt.date(year, month, 1)
    wd = cidx % 5
    d += dt.timedelta(days=(wd - d.weekday()) % 7 + 7 * week)
    return d


class Store:
    """Collects files (path -> bytes) in memory, in a stable order."""

    def __init__(self):
        self.files = {}

    def put(self, path, text):
        assert path not in self.files, path
        self.files[path] = text.encode("utf-8")


def committee_md(rng, slug, name, short, kind, first_day, seen):
    """SEEN: names already used; every councillor sits on one body only, so
    the calendar plugin's member-clash rule has nothing to report."""
    def fresh():
        while True:
            n = f"Councillor {person(rng)}"
            if n not in seen:
                seen.add(n)
                return n
    members = []
    chair = fresh()
    vice = fresh()
    lines = ["---", f"name: {name}", f"short_name: {short}", f"kind: {kind}"]
    if slug in PARENTS:
        lines.append(f"parent: {PARENTS[slug]}")
    lines += ["quorum: 3", "cadence: ten meetings a year", "members:"]
    lines += [f"- name: {chair}", "  role: chair", f"  from: {first_day}"]
    lines += [f"- name: {vice}", "  role: vice-chair", f"  from: {first_day}"]
    while len(members) < 8:
        members.append(fresh())
    for n in members:
        lines += [f"- name: {n}", "  role: member"]
    officer = person(rng)
    lines += [f"- name: {officer}", "  role: officer", f"  title: {rng.choice(OFFICER_TITLES)}"]
    lines += ["---", "", f"The {name}. Generated for the benchmark (bench/gen_store.py).", ""]
    return "\n".join(lines), chair, vice, members, officer


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--scale", choices=sorted(SCALES), default="full")
    ap.add_argument("--seed", type=int, default=20260301)
    ap.add_argument("--as-of", default=AS_OF, help="meetings after it are scheduled")
    ap.add_argument("--committees", type=int)
    ap.add_argument("--years", type=int)
    ap.add_argument("--meetings", type=int, help="meetings per municipal year (1-10)")
    ap.add_argument("--actions", type=int, help="actions in total")
    ap.add_argument("--history", type=int, default=0, metavar="N",
                    help="after the generated commit, N commits of ordinary writes (an action "
                         "update each) and an approval tag per approved minutes, as govern "
                         "minutes approve makes them")
    ap.add_argument("--no-tags", action="store_true",
                    help="with --history: no approval tags (a clone without tags)")
    ap.add_argument("--taskwarrior-json", metavar="FILE",
                    help="also write the actions as taskwarrior import JSON (pending tasks)")
    a = ap.parse_args()
    nc, ny, nm, na = SCALES[a.scale]
    nc = a.committees or nc
    ny = a.years or ny
    nm = a.meetings or nm
    na = a.actions if a.actions is not None else na
    if not (1 <= nc <= len(BODIES) and 1 <= nm <= len(MONTHS) and ny >= 1):
        sys.exit(f"gen_store: committees 1-{len(BODIES)}, meetings 1-{len(MONTHS)}")
    as_of = dt.date.fromisoformat(a.as_of)
    if os.path.exists(a.dir) and os.listdir(a.dir):
        sys.exit(f"gen_store: {a.dir} exists and is not empty")
    t0 = time.monotonic()
    rng = random.Random(a.seed)
    st = Store()
    approvals = []  # (minutes' meeting id, the meeting that approved them)
    st.put("govern.yaml", "format: 1\nbody: Hampshire County Council (generated)\n"
           "timezone: Europe/London\nyear_start: 05-01\nnotice_days: 5\n"
           "notice_counting: s243\ncall_in_days: 5\n")

    # The municipal years end with the one holding AS_OF.
    last_year = as_of.year if as_of.month >= 5 else as_of.year - 1
    years = list(range(last_year - ny + 1, last_year + 1))
    bodies = BODIES[:nc]
    slugs = [b[0] for b in bodies]
    # A sub-committee whose parent is not generated becomes a committee.
    info = {}
    names_used = set()
    meetings = []  # (date, cidx, slug, mid) for every meeting, all committees
    for cidx, (slug, name, short, kind) in enumerate(bodies):
        if slug in PARENTS and PARENTS[slug] not in slugs:
            kind = "committee"
        first_day = meeting_date(years[0], MONTHS[0], cidx).isoformat()
        text, chair, vice, members, officer = committee_md(rng, slug, name, short, kind, first_day,
                                                          names_used)
        if slug in PARENTS and PARENTS[slug] not in slugs:
            text = text.replace(f"parent: {PARENTS[slug]}\n", "")
        st.put(f"{slug}/committee.md", text)
        info[slug] = dict(short=short, name=name, chair=chair, vice=vice, members=members,
                          officer=officer, cidx=cidx)
        for y in years:
            for m in MONTHS[:nm]:
                cy = y if m >= 5 else y + 1
                d = meeting_date(cy, m, cidx)
                meetings.append((d, cidx, slug, f"{slug}/{d.isoformat()}", y))

    # Status of each meeting: after AS_OF scheduled, 2% cancelled, else held.
    status = {}
    for d, cidx, slug, mid, y in meetings:
        if d > as_of:
            status[mid] = "scheduled"
        elif rng.random() < 0.02:
            status[mid] = "cancelled"
        else:
            status[mid] = "held"
    held = [mt for mt in meetings if status[mt[3]] == "held"]
    # Spread the actions over the held meetings (every held meeting of the last
    # year before AS_OF gets some, so the open register is realistic).
    per_meeting = {mt[3]: 0 for mt in held}
    if held:
        base, extra = divmod(na, len(held))
        for mt in held:
            per_meeting[mt[3]] = base
        for mt in rng.sample(held, extra):
            per_meeting[mt[3]] += 1
        # Vary the counts without changing the total: move actions in pairs.
        for _ in range(len(held)):
            x, z = rng.sample(held, 2)
            k = rng.randint(0, 3)
            if per_meeting[x[3]] >= k:
                per_meeting[x[3]] -= k
                per_meeting[z[3]] += k

    serial = {}  # (short, calendar year) -> last serial
    task_rows = []
    n_actions = 0
    for slug in slugs:
        c = info[slug]
        mine = sorted(mt for mt in meetings if mt[2] == slug)
        prev_live = None  # the previous meeting that was not cancelled
        minute_no = {}  # municipal year -> last minute number
        approved_by = {}  # mid of held meeting -> the next held meeting
        held_mine = [mt for mt in mine if status[mt[3]] == "held"]
        for i in range(len(held_mine) - 1):
            approved_by[held_mine[i][3]] = held_mine[i + 1]
        first_of_year = set()
        seen_years = set()
        for mt in mine:
            if mt[4] not in seen_years:
                seen_years.add(mt[4])
                first_of_year.add(mt[3])
        for d, cidx, _, mid, myear in mine:
            s = status[mid]
            hhmm = ["10:00", "10:30", "14:00", "18:30"][cidx % 4]
            lines = ["---", f"uid: {uid(rng)}", f"date: {d.isoformat()}", f"time: {hhmm}"]
            if s == "held":
                lines.append(f"end: {int(hhmm[:2]) + 2:02d}:{hhmm[3:]}")
            lines += [f"location: {rng.choice(LOCATIONS)}", f"status: {s}"]
            if s == "cancelled":
                lines += ["sequence: 1", "reason: Insufficient business"]
            else:
                lines.append("sequence: 0")
            lines += ["---", "", "Generated meeting for the benchmark.", ""]
            st.put(f"{mid}/meeting.md", "\n".join(lines))
            if s == "cancelled":
                continue

            # Agenda: standard items, then 3 to 6 items of business.
            items = []
            if mid in first_of_year:
                items.append(("Appointment of Chair", "chair",
                              f"To appoint a Chair of the {c['name']} for the "
                              f"{myear}/{(myear + 1) % 100:02d} municipal year.", None))
            items.append(("Apologies for absence and substitutions", "apologies", None, None))
            items.append(("Declarations of interest", "declarations",
                          "All members who believe they have a disclosable pecuniary interest "
                          "in any matter to be considered at the meeting must declare it.", None))
            items.append(("Urgent matters", "urgent",
                          "To consider any items of business which, by reason of special "
                          "circumstances, the Chair considers urgent.", None))
            if prev_live is not None:
                items.append((f"Minutes of the meeting held on {long_date(prev_live[0])}", "minutes",
                              "The Chair will move that the minutes be taken as a correct record.",
                              None))
            n_business = rng.randint(3, 6)
            for _ in range(n_business):
                title = f"{rng.choice(REPORT_KINDS)} {rng.choice(TOPICS)}"
                items.append((title[0].upper() + title[1:], None,
                              f"To consider the report of the {rng.choice(OFFICER_TITLES)}.",
                              3 if rng.random() < 0.03 else None))
            # Three weeks' notice: enough clear days even across Easter and
            # the bank holidays of May 2011.
            pub = d - dt.timedelta(days=21)
            lines = ["---"]
            if pub <= as_of:
                lines.append(f"published: {pub.isoformat()}")
            lines.append("items:")
            for title, std, purpose, exempt in items:
                lines.append(f"- title: {title}")
                if std:
                    lines.append(f"  standard: {std}")
                if purpose:
                    lines.append(f"  purpose: {purpose}")
                if exempt:
                    lines.append(f"  exempt: {exempt}")
            lines += ["---", ""]
            st.put(f"{mid}/agenda.md", "\n".join(lines))
            prev_live = (d, mid)
            if s != "held":
                continue

            # Minutes, numbered on through the municipal year.
            yy = f"{myear % 100:02d}"
            numbers = []
            for _ in items:
                minute_no[myear] = minute_no.get(myear, 0) + 1
                numbers.append(minute_no[myear])
            business = [i for i, it in enumerate(items) if it[1] is None]
            # The actions raised at this meeting, each under a business minute.
            acts = []
            for _ in range(per_meeting.get(mid, 0)):
                bi = rng.choice(business)
                key = (c["short"], d.year)
                serial[key] = serial.get(key, 0) + 1
                acts.append((bi, f"{c['short']}-{d.year}-{serial[key]:03d}"))
            acts.sort(key=lambda x: x[1])
            absent = rng.sample(c["members"], 2)
            present = [m for m in c["members"] if m not in absent]
            nxt = approved_by.get(mid)
            if nxt:
                approvals.append((mid, nxt[3]))
            lines = ["---", f"meeting: {mid}", f"status: {'approved' if nxt else 'draft'}",
                     f"year: {myear}", f'started: "{hhmm}"',
                     f'ended: "{int(hhmm[:2]) + 2:02d}:{hhmm[3:]}"', "present:",
                     f"- name: {c['chair']}", f"- name: {c['vice']}"]
            lines += [f"- name: {m}" for m in present]
            lines += ["apologies:", f"- name: {absent[0]}", "absent:", f"- name: {absent[1]}",
                      "also_present:", f"- name: {c['officer']}",
                      f"  title: {rng.choice(OFFICER_TITLES)}"]
            if rng.random() < 0.1:
                bi = rng.choice(business)
                lines += ["declarations:", f"- member: {rng.choice(present)}",
                          f"  minute: {numbers[bi]}", "  kind: other-registrable",
                          f"  interest: Member of {rng.choice(ORGANISATIONS)}", "  took_part: true"]
            if nxt:
                lines += ["approved:", f"  at: {nxt[3]}", f"  date: {nxt[0].isoformat()}",
                          f"  presiding: {c['chair']}"]
            lines.append("items:")
            for i, (title, std, purpose, exempt) in enumerate(items):
                lines += [f"- number: {numbers[i]}", f"  title: {title}",
                          f"  agenda_item: {i + 1}"]
                if exempt:
                    lines.append(f"  exempt: {exempt}")
            lines += ["---", ""]
            for i, (title, std, purpose, exempt) in enumerate(items):
                lines += [f"## {numbers[i]}/{yy} {title}", ""]
                if std == "chair":
                    lines += [f"{c['chair']} was elected as Chair for the {myear}/"
                              f"{(myear + 1) % 100:02d} municipal year.", ""]
                elif std == "apologies":
                    lines += [f"Apologies were received from {absent[0]}.", ""]
                elif std == "declarations":
                    lines += ["Declarations are recorded above.", ""]
                elif std == "urgent":
                    lines += ["There were no urgent matters.", ""]
                elif std == "minutes":
                    lines += ["RESOLVED:", "",
                              "1. That the minutes of the previous meeting be confirmed as a "
                              "correct record and signed by the Chair.", ""]
                else:
                    lines += [f"The committee considered the report of the "
                              f"{rng.choice(OFFICER_TITLES)}: {title}.", ""]
                    if rng.random() < 0.7:
                        lines += ["RESOLVED:", "", "1. That the report be noted.",
                                  f"2. That a further report be brought in "
                                  f"{rng.choice(['six months', 'a year', 'the spring'])}.", ""]
                    mine_acts = [a for a in acts if a[0] == i]
                    for _, aid in mine_acts:
                        act = make_action(rng, c, slug, slugs, aid, d, mid,
                                          f"{numbers[i]}/{yy}", title, as_of)
                        st.put(f"actions/{aid}.md", act["file"])
                        task_rows.append(act["task"])
                        n_actions += 1
                        due = f" due:{act['due']}" if act["due"] else ""
                        lines.append(f"- [ ] ACTION {aid}: {act['text']} @{{{act['owner']}}}{due}")
                    if mine_acts:
                        lines.append("")
            st.put(f"{mid}/minutes.md", "\n".join(lines))

    gen_s = time.monotonic() - t0
    write_repo(a.dir, st, a.history, [] if a.no_tags else approvals)
    if a.taskwarrior_json:
        write_task_json(a.taskwarrior_json, task_rows)
    n_meet = sum(1 for m in meetings)
    n_held = len(held)
    size = sum(len(b) for b in st.files.values())
    print(f"store {a.dir}: {nc} committees, {n_meet} meetings ({n_held} held), "
          f"{n_actions} actions, {len(st.files)} files, {size / 1e6:.1f} MB; "
          f"generated in {gen_s:.1f} s, committed in {time.monotonic() - t0 - gen_s:.1f} s; "
          f"as-of {a.as_of}")


def yaml_text(s):
    """Quote a one-line text value when YAML needs it (govern's rule)."""
    if (": " in s or " #" in s or s[0] in "-?:,[]{}#&*!|>'\"%@`" or s.endswith(":")
            or s in ("~", "null", "Null", "NULL", "true", "false", "yes", "no")):
        return "'" + s.replace("'", "''") + "'"
    return s


def make_action(rng, c, slug, slugs, aid, d, mid, minute, title, as_of):
    """One actions/ID.md file, its minutes line and its taskwarrior row."""
    topic = title.split(" ", 2)[-1] if " on " not in title else title.split(" on ", 1)[1]
    text = f"{rng.choice(VERBS)} {topic} {rng.choice(CLOSINGS)}"
    if rng.random() < 0.5:
        owner = rng.choice(ORGANISATIONS)
    else:
        owner = rng.choice(OFFICER_TITLES)
    due = None
    if rng.random() < 0.85:
        due = d + dt.timedelta(days=rng.randint(21, 200))
    age = (as_of - d).days
    statuses = STATUSES_OLD if age > 730 else STATUSES_NEW
    status = rng.choice(statuses)
    referred = []
    if len(slugs) > 1 and rng.random() < 0.05:
        referred = sorted(rng.sample([s for s in slugs if s != slug], rng.randint(1, 2)))
    # The log: dated entries after the meeting, never after AS_OF.
    log = []
    day = d
    n_log = {"open": rng.randint(0, 1), "in-progress": rng.randint(1, 3),
             "done": rng.randint(1, 3), "dropped": 1}[status]
    cur_due = due
    for k in range(n_log):
        day = day + dt.timedelta(days=rng.randint(3, 60))
        day = min(day, as_of)
        e = {"date": day, "by": rng.choice(CLERKS)}
        last = k == n_log - 1
        if last and status != "open":
            e["status"] = status
        elif status == "done" and k == 0 and n_log > 1:
            e["status"] = "in-progress"
        if cur_due and rng.random() < 0.15 and status != "done":
            cur_due = cur_due + dt.timedelta(days=rng.randint(14, 90))
            e["due"] = cur_due
        e["note"] = rng.choice(CLOSING_NOTES[e["status"]] if "status" in e else NOTES)
        log.append(e)
    lines = ["---", f"id: {aid}", f"committee: {slug}", "raised_in:",
             f"  meeting: {mid}", f"  minute: {minute}", f"owner: {yaml_text(owner)}"]
    if cur_due:
        lines.append(f"due: {cur_due.isoformat()}")
    lines.append(f"status: {status}")
    if referred:
        lines.append("referred_to:")
        lines += [f"- {r}" for r in referred]
    lines.append(f"created: {d.isoformat()}")
    lines.append(f"updated: {(log[-1]['date'] if log else d).isoformat()}")
    if log:
        lines.append("log:")
        for e in log:
            lines += [f"- date: {e['date'].isoformat()}", f"  by: {e['by']}"]
            if "status" in e:
                lines.append(f"  status: {e['status']}")
            if "due" in e:
                lines.append(f"  due: {e['due'].isoformat()}")
            lines.append(f"  note: {yaml_text(e['note'])}")
    lines += ["---", "", text + ".", ""]
    task = {
        "uuid": None,  # filled in by write_task_json
        "status": "pending",
        "description": f"{aid}: {text}",
        "entry": d.strftime("%Y%m%dT000000Z"),
        "modified": (log[-1]["date"] if log else d).strftime("%Y%m%dT000000Z"),
        "project": slug,
        "tags": [status.replace("-", "")],
        "owner": owner,
    }
    if cur_due:
        task["due"] = cur_due.strftime("%Y%m%dT000000Z")
    return {"file": "\n".join(lines), "text": text, "owner": owner,
            "due": cur_due.isoformat() if cur_due else None, "task": task}


def write_task_json(path, rows):
    """The same actions as taskwarrior tasks, all pending (one JSON array).
    `owner` is a user-defined attribute (uda.owner in the taskrc)."""
    import json
    rng = random.Random(7)
    with open(path, "w") as f:
        f.write("[\n")
        for i, t in enumerate(rows):
            t = dict(t)
            t["uuid"] = uid(rng)[:-len("@govern")]
            f.write(json.dumps(t, sort_keys=True))
            f.write(",\n" if i + 1 < len(rows) else "\n")
        f.write("]\n")


def history_write(st, k, names):
    """The k-th ordinary write: one action gets a note in its log (dated its
    last update, so the register stays valid), as govern action update does."""
    name = names[(k * 7919) % len(names)]
    text = st.files[name].decode()
    updated = text.split("\nupdated: ", 1)[1].split("\n", 1)[0]
    entry = f"- date: {updated}\n  by: Bench Clerk\n  note: history write {k + 1}\n"
    head, sep, body = text[4:].partition("\n---\n")
    if "\nlog:\n" not in "\n" + head + "\n":
        entry = "log:\n" + entry
    data = ("---\n" + head + "\n" + entry.rstrip("\n") + sep + body).encode()
    st.files[name] = data
    return name, data


def write_repo(path, st, history=0, approvals=()):
    """One commit with every file, through git fast-import; with history,
    that many one-file commits after it and the approval tags; then check
    it out."""
    os.makedirs(path, exist_ok=True)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True, env=env)
    for k, v in (("user.name", "Bench Clerk"), ("user.email", "bench@example.org")):
        subprocess.run(["git", "-C", path, "config", k, v], check=True, env=env)
    p = subprocess.Popen(["git", "-C", path, "fast-import", "--quiet", "--date-format=raw"],
                         stdin=subprocess.PIPE, env=env)
    w = p.stdin
    msg = b"Generated store for the benchmark (bench/gen_store.py)\n"
    who = f"Bench Clerk <bench@example.org> {COMMIT_TIME} +0000".encode()
    w.write(b"commit refs/heads/main\nmark :1\nauthor " + who + b"\ncommitter " + who + b"\n")
    w.write(b"data %d\n" % len(msg) + msg)
    for name in sorted(st.files):
        data = st.files[name]
        w.write(b"M 100644 inline " + name.encode() + b"\n")
        w.write(b"data %d\n" % len(data) + data + b"\n")
    w.write(b"\n")
    for mid, at in approvals:
        m = f"Minutes of {mid} confirmed as a correct record at {at}\n".encode()
        w.write(f"tag minutes/{mid}\nfrom :1\ntagger ".encode() + who + b"\n")
        w.write(b"data %d\n" % len(m) + m + b"\n")
    names = sorted(n for n in st.files if n.startswith("actions/"))
    for k in range(history if names else 0):
        name, data = history_write(st, k, names)
        who = f"Bench Clerk <bench@example.org> {COMMIT_TIME + 60 * (k + 1)} +0000".encode()
        m = f"Update action {name[8:-3]}\n".encode()
        w.write(b"commit refs/heads/main\nauthor " + who + b"\ncommitter " + who + b"\n")
        w.write(b"data %d\n" % len(m) + m)
        w.write(b"M 100644 inline " + name.encode() + b"\ndata %d\n" % len(data) + data + b"\n\n")
    w.close()
    if p.wait() != 0:
        sys.exit("gen_store: git fast-import failed")
    subprocess.run(["git", "-C", path, "reset", "-q", "--hard", "main"], check=True, env=env)


if __name__ == "__main__":
    main()
