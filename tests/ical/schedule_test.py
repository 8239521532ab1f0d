#!/usr/bin/env python3
"""End-to-end tests of `govern schedule` and `govern calendar import`
(plugins/ical): the real binary ($GOVERN) against temporary stores, every
calendar parsed by python3-icalendar (each component's .errors empty).

Run one group: schedule_test.py GROUP (the meson tests do; see meson.build).
"""
import os
import subprocess
import sys
import unittest
from datetime import date, datetime, timedelta, timezone

from ical_test import LOCATION, SECRET, Store, events, parse

import icalendar  # noqa: E402  (ical_test put Debian's on the path)

RULE_Q = "FREQ=MONTHLY;INTERVAL=3;BYDAY=3TH"  # third Thursday of every third month


def git(s, *args):
    return subprocess.run(["git", *args], cwd=s.dir, capture_output=True,
                          check=True).stdout.decode()


def head(s):
    return git(s, "rev-parse", "HEAD").strip()


def snapshot(s):
    """Everything a command could change: HEAD, the index, the work tree."""
    return (head(s), git(s, "status", "--porcelain", "--untracked-files=all"),
            git(s, "ls-files", "-s"))


def meeting_ids(s, slug):
    return sorted(d for d in os.listdir(os.path.join(s.dir, slug))
                  if os.path.isdir(os.path.join(s.dir, slug, d)))


def utc(v):
    return v.astimezone(timezone.utc).replace(tzinfo=None)


class Schedule(unittest.TestCase):
    def setUp(self):
        self.s = Store()
        self.s.ok("committee", "add", "csg", "--name", "Community Safety Strategy Group")

    def tearDown(self):
        self.s.close()

    def test_quarterly_rule_one_commit_and_idempotent(self):
        s = self.s
        before = head(s)
        out = s.ok("schedule", "csg", "--rule", RULE_Q, "--from", "2024-01-01", "--to",
                   "2024-12-31", "--time", "18:30", "--end", "20:30", "--location", LOCATION)
        self.assertEqual(meeting_ids(s, "csg"),
                         ["2024-01-18", "2024-04-18", "2024-07-18", "2024-10-17"])
        self.assertIn("4 meetings created in commit", out)
        # one commit on top of the previous head
        self.assertEqual(git(s, "rev-list", "--count", before + "..HEAD").strip(), "1")
        self.assertIn("Schedule 4 meetings of Community Safety Strategy Group",
                      git(s, "log", "-1", "--format=%B"))
        # second run: nothing new, no commit
        h = snapshot(s)
        out = s.ok("schedule", "csg", "--rule", RULE_Q, "--from", "2024-01-01", "--to",
                   "2024-12-31", "--time", "18:30")
        self.assertIn("nothing to create", out)
        self.assertEqual(out.count("exists"), 4)
        self.assertEqual(snapshot(s), h)

    def test_agenda_from_template_like_meeting_new(self):
        s = self.s
        s.ok("schedule", "csg", "--rule", "FREQ=MONTHLY;BYDAY=2TU", "--from", "2024-04-01",
             "--to", "2024-06-30")
        # the same meetings made one by one with `meeting new` in another store
        t = Store()
        try:
            t.ok("committee", "add", "csg", "--name", "Community Safety Strategy Group")
            for d in ["2024-04-09", "2024-05-14", "2024-06-11"]:
                t.ok("meeting", "new", "csg", "--date", d)
            for d in ["2024-04-09", "2024-05-14", "2024-06-11"]:
                with open(os.path.join(s.dir, "csg", d, "agenda.md")) as f:
                    a = f.read()
                with open(os.path.join(t.dir, "csg", d, "agenda.md")) as f:
                    b = f.read()
                self.assertEqual(a, b, d)
            # the year starts in May: the May meeting appoints a chair and takes April's minutes
            with open(os.path.join(s.dir, "csg", "2024-05-14", "agenda.md")) as f:
                may = f.read()
            self.assertIn("Appointment of Chair", may)
            self.assertIn("Minutes of the meeting held on 9 April 2024", may)
        finally:
            t.close()

    def test_bank_holidays_and_skip(self):
        s = self.s
        # first Monday of each month in 2024: 1 Jan, 1 Apr, 6 May are bank holidays
        p = s.run("schedule", "csg", "--rule", "FREQ=MONTHLY;BYDAY=1MO", "--from", "2024-01-01",
                  "--to", "2024-12-31", "--skip", "2024-09-02", "--skip", "2024-09-03")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode()
        for d in ["2024-01-01", "2024-04-01", "2024-05-06"]:
            self.assertIn("skipped  %s (bank holiday)" % d, out)
        self.assertIn("skipped  2024-09-02 (--skip)", out)
        self.assertIn(b"--skip 2024-09-03 is not a date of the rule", p.stderr)
        ids = meeting_ids(s, "csg")
        self.assertEqual(len(ids), 8)
        for d in ["2024-01-01", "2024-04-01", "2024-05-06", "2024-09-02"]:
            self.assertNotIn(d, ids)
        # 26 August 2024 is the summer bank holiday; Christmas and Boxing Day too
        s.ok("schedule", "csg", "--rule", "FREQ=DAILY", "--from", "2024-08-25", "--to",
             "2024-08-27")
        self.assertIn("2024-08-25", meeting_ids(s, "csg"))
        self.assertNotIn("2024-08-26", meeting_ids(s, "csg"))
        self.assertIn("2024-08-27", meeting_ids(s, "csg"))

    def test_store_holidays_extend_the_list(self):
        s = self.s
        # an extra holiday is skipped; a removed one (1 January 2024) is a working day
        s.append_config("holidays:\n  add: [2024-02-14]\n  remove: [2024-01-01]\n")
        s.git_commit("An extra holiday")
        s.ok("schedule", "csg", "--rule", "FREQ=WEEKLY;BYDAY=WE", "--from", "2024-02-01",
             "--to", "2024-02-29")
        self.assertEqual(meeting_ids(s, "csg"), ["2024-02-07", "2024-02-21", "2024-02-28"])
        s.ok("schedule", "csg", "--rule", "FREQ=DAILY;COUNT=1", "--from", "2024-01-01")
        self.assertIn("2024-01-01", meeting_ids(s, "csg"))

    def test_dst_change_local_times_and_utc(self):
        s = self.s
        # weekly on Thursdays across the spring and autumn clock changes of 2024
        s.ok("schedule", "csg", "--rule", "FREQ=WEEKLY;BYDAY=TH", "--from", "2024-03-21",
             "--to", "2024-04-04", "--time", "18:30")
        s.ok("schedule", "csg", "--rule", "FREQ=WEEKLY;BYDAY=TH", "--from", "2024-10-17",
             "--to", "2024-10-31", "--time", "18:30")
        cal = parse(s.calendar())
        got = {}
        for e in events(cal):
            start = e.decoded("DTSTART")
            self.assertEqual(str(start.tzinfo), "Europe/London")
            self.assertEqual((start.hour, start.minute), (18, 30))
            got[start.date().isoformat()] = utc(start).strftime("%H:%M")
        self.assertEqual(got, {
            "2024-03-21": "18:30", "2024-03-28": "18:30", "2024-04-04": "17:30",
            "2024-10-17": "17:30", "2024-10-24": "17:30", "2024-10-31": "18:30"})

    def test_count_counts_meetings(self):
        s = self.s
        s.ok("schedule", "csg", "--rule", "FREQ=MONTHLY;BYMONTHDAY=3;COUNT=2", "--from",
             "2025-01-01")
        self.assertEqual(meeting_ids(s, "csg"), ["2025-01-03", "2025-02-03"])

    def test_rescheduled_meeting_is_recognised(self):
        s = self.s
        args = ["schedule", "csg", "--rule", "FREQ=MONTHLY;BYDAY=3TH", "--from", "2024-06-01",
                "--to", "2024-08-31"]
        s.ok(*args)
        s.ok("meeting", "reschedule", "csg/2024-07-18", "--date", "2024-07-25")
        s.ok("meeting", "cancel", "csg/2024-08-15", "--reason", "No business")
        h = snapshot(s)
        out = s.ok(*args)
        self.assertIn("nothing to create", out)
        self.assertEqual(snapshot(s), h)

    def test_dry_run_changes_nothing(self):
        s = self.s
        h = snapshot(s)
        out = s.ok("schedule", "csg", "--rule", RULE_Q, "--from", "2024-01-01", "--to",
                   "2024-12-31", "--dry-run")
        self.assertEqual(out.count("create "), 4)
        self.assertIn("create   2024-01-18", out)
        self.assertEqual(snapshot(s), h)

    def test_bad_inputs_change_nothing(self):
        s = self.s
        h = snapshot(s)
        base = ["schedule", "csg", "--from", "2024-01-01", "--to", "2024-12-31"]
        cases = [
            (base + ["--rule", "FREQ=FORTNIGHTLY"], 1, b"invalid recurrence rule"),
            (base + ["--rule", "FREQ=MONTHLY;BYDAY=3TH;FOO=1"], 1, b"invalid recurrence rule"),
            (base + ["--rule", "FREQ=HOURLY"], 1, b"FREQ must be"),
            (base + ["--rule", "FREQ=DAILY;BYHOUR=9"], 1, b"BYHOUR"),
            (base + ["--rule", "FREQ=DAILY\nX"], 1, b"--rule must be one line"),
            (base + ["--rule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"], 1, b"gives no date"),
            (["schedule", "csg", "--from", "2020-01-01", "--to", "2030-12-31", "--rule",
              "FREQ=DAILY"], 1, b"more than 500"),
            (["schedule", "csg", "--from", "2024-01-01", "--rule", "FREQ=MONTHLY"], 2,
             b"needs an end"),
            (["schedule", "csg", "--from", "2024-02-30", "--to", "2024-03-01", "--rule",
              "FREQ=DAILY"], 2, b"--from: 2024-02-30: February 2024 has 29 days"),
            (base + ["--rule", "FREQ=DAILY", "--skip", "2024-13-01"], 2, b"--skip"),
            (base + ["--rule", "FREQ=DAILY", "--time", "25:00"], 2, b"--time"),
            (base + ["--rule", "FREQ=DAILY", "--time", "10:00", "--end", "09:00"], 1,
             b"--end"),
            (base + ["--rule", "FREQ=DAILY", "--location", "a\nb"], 1, b"one line"),
            (["schedule", "zzz", "--from", "2024-01-01", "--to", "2024-02-01", "--rule",
              "FREQ=DAILY"], 1, b"unknown committee"),
            (["schedule", "../x", "--from", "2024-01-01", "--to", "2024-02-01", "--rule",
              "FREQ=DAILY"], 1, b""),
            (["schedule", "csg", "--to", "2024-02-01", "--rule", "FREQ=DAILY"], 2, b"--from"),
            (["schedule", "csg", "--from", "2024-01-01", "--to", "2024-02-01"], 2, b"--rule"),
        ]
        for args, code, msg in cases:
            p = s.run(*args)
            self.assertEqual(p.returncode, code, (args, p.stderr))
            self.assertIn(msg, p.stderr, args)
            self.assertEqual(snapshot(s), h, args)


def write(path, text, crlf=True):
    with open(path, "wb") as f:
        f.write(text.replace("\n", "\r\n" if crlf else "\n").encode("utf-8"))


def vcal(*events_text, extra=""):
    return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Other council system//EN\n" + extra +
            "".join(events_text) + "END:VCALENDAR\n")


def vevent(uid, *lines):
    return "BEGIN:VEVENT\nUID:%s\nDTSTAMP:20240101T000000Z\n%sEND:VEVENT\n" % (
        uid, "".join(l + "\n" for l in lines))


OUTLOOK_TZ = """BEGIN:VTIMEZONE
TZID:GMT Standard Time
BEGIN:STANDARD
DTSTART:16011028T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0100
TZOFFSETTO:-0000
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T010000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:-0000
TZOFFSETTO:+0100
END:DAYLIGHT
END:VTIMEZONE
"""


class Import(unittest.TestCase):
    def setUp(self):
        self.s = Store()
        self.s.ok("committee", "add", "jsc", "--name", "Joint Scrutiny Committee")
        self.s.ok("committee", "add", "other", "--name", "Other Body")

    def tearDown(self):
        self.s.close()

    def ics(self, text, name="in.ics", crlf=True):
        path = os.path.join(self.s.tmp, name)
        write(path, text, crlf)
        return path

    def show(self, mid):
        import json
        return json.loads(self.s.ok("meeting", "show", mid, "--format", "json"))

    def test_times_zones_status_sequence(self):
        s = self.s
        f = self.ics(vcal(
            # UTC in summer: 17:30Z is 18:30 BST
            vevent("a@x", "DTSTART:20240718T173000Z", "DTEND:20240718T193000Z",
                   "SUMMARY:Joint Scrutiny Committee", "LOCATION:Deanes\\, Room 1",
                   "SEQUENCE:3"),
            # UTC in winter: 10:00Z is 10:00 GMT; DURATION instead of DTEND
            vevent("b@x", "DTSTART:20241205T100000Z", "DURATION:PT1H30M",
                   "SUMMARY:Joint Scrutiny Committee: Budget", "STATUS:CANCELLED",
                   "DESCRIPTION:Cancelled: No business\\nmore"),
            # Outlook's zone name with its VTIMEZONE, across the October change
            vevent("c@x", "DTSTART;TZID=GMT Standard Time:20241028T093000",
                   "DTEND;TZID=GMT Standard Time:20241028T113000"),
            # an IANA TZID without a VTIMEZONE, from another zone
            vevent("d@x", "DTSTART;TZID=America/New_York:20240301T120000"),
            # all day; floating time is the store's local time
            vevent("e@x", "DTSTART;VALUE=DATE:20240905", "DTEND;VALUE=DATE:20240906"),
            vevent("f@x", "DTSTART:20240306T140000", "STATUS:TENTATIVE",
                   "LOCATION:Line one\\nLine two"),
            extra=OUTLOOK_TZ))
        out = s.ok("calendar", "import", f, "--committee", "jsc")
        self.assertIn("6 created, 0 updated in commit", out)
        a = self.show("jsc/2024-07-18")
        self.assertEqual((a["uid"], a["time"], a["end"], a["sequence"], a["location"],
                          a["title"]), ("a@x", "18:30", "20:30", 3, "Deanes, Room 1", None))
        b = self.show("jsc/2024-12-05")
        self.assertEqual((b["time"], b["end"], b["status"], b["reason"], b["title"]),
                         ("10:00", "11:30", "cancelled", "No business", "Budget"))
        c = self.show("jsc/2024-10-28")
        self.assertEqual((c["time"], c["end"]), ("09:30", "11:30"))
        d = self.show("jsc/2024-03-01")
        self.assertEqual(d["time"], "17:00")
        e = self.show("jsc/2024-09-05")
        self.assertEqual((e["time"], e["end"]), (None, None))
        g = self.show("jsc/2024-03-06")
        self.assertEqual((g["time"], g["status"], g["location"]),
                         ("14:00", "postponed", "Line one, Line two"))
        # every new meeting has the template agenda, as `meeting new` gives
        self.assertTrue(os.path.exists(os.path.join(s.dir, "jsc", "2024-03-01", "agenda.md")))
        # and the feed says the same instants
        cal = parse(s.calendar("--committee", "jsc"))
        ev = {str(e["UID"]): e for e in events(cal)}
        self.assertEqual(utc(ev["a@x"].decoded("DTSTART")), datetime(2024, 7, 18, 17, 30))
        self.assertEqual(utc(ev["c@x"].decoded("DTSTART")), datetime(2024, 10, 28, 9, 30))
        self.assertEqual(utc(ev["d@x"].decoded("DTSTART")), datetime(2024, 3, 1, 17, 0))
        self.assertEqual(str(ev["b@x"]["STATUS"]), "CANCELLED")

    def test_reimport_updates_by_uid(self):
        s = self.s
        f = self.ics(vcal(vevent("a@x", "DTSTART:20240718T173000Z", "SEQUENCE:0"),
                          vevent("b@x", "DTSTART:20240801T090000Z")))
        s.ok("calendar", "import", f, "--committee", "jsc")
        h = snapshot(s)
        out = s.ok("calendar", "import", f, "--committee", "jsc")
        self.assertIn("nothing to change", out)
        self.assertEqual(snapshot(s), h)
        # moved and cancelled in the other system: same ids and UIDs, updated
        f2 = self.ics(vcal(vevent("a@x", "DTSTART:20240725T173000Z", "SEQUENCE:1"),
                           vevent("b@x", "DTSTART:20240801T090000Z", "STATUS:CANCELLED")),
                      "in2.ics")
        out = s.ok("calendar", "import", f2, "--committee", "jsc")
        self.assertIn("updated   jsc/2024-07-18 a@x", out)
        self.assertIn("0 created, 2 updated", out)
        self.assertEqual(meeting_ids(s, "jsc"), ["2024-07-18", "2024-08-01"])
        a = self.show("jsc/2024-07-18")
        self.assertEqual((a["date"], a["sequence"]), ("2024-07-25", 1))
        b = self.show("jsc/2024-08-01")
        self.assertEqual((b["status"], b["sequence"]), ("cancelled", 1))  # raised by govern
        # an older copy (lower SEQUENCE) is stale: nothing changes
        h = snapshot(s)
        out = s.ok("calendar", "import", f, "--committee", "jsc")
        self.assertIn("stale     jsc/2024-07-18 a@x (SEQUENCE 0 < 1)", out)
        # b's SEQUENCE 0 < 1 too
        self.assertEqual(snapshot(s), h)
        # a held meeting is never changed
        s.ok("meeting", "held", "jsc/2024-07-18")
        f3 = self.ics(vcal(vevent("a@x", "DTSTART:20240726T173000Z", "SEQUENCE:5")), "in3.ics")
        h = snapshot(s)
        out = s.ok("calendar", "import", f3, "--committee", "jsc")
        self.assertIn("held      jsc/2024-07-18", out)
        self.assertEqual(snapshot(s), h)

    def test_round_trip(self):
        s = self.s
        s.ok("member", "add", "jsc", "Cllr Ann Example")
        s.ok("schedule", "jsc", "--rule", RULE_Q, "--from", "2024-01-01", "--to", "2025-12-31",
             "--time", "18:30", "--location", LOCATION)
        s.ok("meeting", "new", "jsc", "--date", "2024-05-20", "--title", "Annual meeting")
        s.ok("meeting", "new", "jsc", "--date", "2024-06-01")  # all day
        s.ok("meeting", "new", "jsc", "--date", "2024-09-02", "--time", "09:30", "--private")
        s.ok("meeting", "reschedule", "jsc/2024-07-18", "--time", "10:00")
        s.ok("meeting", "cancel", "jsc/2024-10-17", "--reason", "No business; none at all")
        s.ok("meeting", "postpone", "jsc/2025-01-16", "--reason", "Election period")
        a = s.calendar("--committee", "jsc")
        f = self.ics(a.decode(), crlf=False)
        t = Store()
        try:
            t.ok("committee", "add", "jsc", "--name", "Joint Scrutiny Committee")
            t.ok("calendar", "import", f, "--committee", "jsc")
            b = t.calendar("--committee", "jsc")
        finally:
            t.close()
        ea, eb = events(parse(a)), events(parse(b))
        self.assertEqual(len(ea), 11)
        keys = ["UID", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "STATUS", "SEQUENCE"]

        def view(evs):
            return sorted(tuple(e.get(k).to_ical() if e.get(k) is not None else None
                                for k in keys) for e in evs)
        self.assertEqual(view(ea), view(eb))
        # private and reason survive too
        da = {str(e["UID"]): str(e["DESCRIPTION"]).split("\n")[0] for e in ea}
        db = {str(e["UID"]): str(e["DESCRIPTION"]).split("\n")[0] for e in eb}
        self.assertEqual(da, db)

    def test_malformed_and_hostile_files_change_nothing(self):
        s = self.s
        s.ok("meeting", "new", "other", "--date", "2024-01-10")
        other_uid = s.uid("other/2024-01-10")
        ok_ev = vevent("ok@x", "DTSTART:20240718T173000Z")
        cases = [
            # (file text, expected line, message)
            (vcal(ok_ev, vevent("ok@x", "DTSTART:20240719T173000Z")), 10, b"UID already used"),
            (vcal(ok_ev).replace("END:VEVENT", "END:VTODO"), 8, b"END does not match"),
            (vcal(ok_ev)[:-len("END:VCALENDAR\n")], 1, b"never closed"),
            (vcal(vevent("x@x", "DTSTART:2024-07-18")), 7, b"not an RFC 5545 date"),
            (vcal(vevent("x@x", "DTSTART:20240718T173000Z", "NO COLON HERE")), 8,
             b"not an iCalendar content line"),
            (vcal(vevent("x@x", "DTSTART;TZID=Mars/Olympus:20240718T173000")), 7,
             b"unknown time zone"),
            (vcal(vevent("x y@x", "DTSTART:20240718T173000Z")), 5, b"UID"),
            (vcal(vevent("x@x", "SUMMARY:no start")), 4, b"without a DTSTART"),
            (vcal(vevent("x@x", "DTSTART:20240718T173000Z", "RRULE:FREQ=WEEKLY")), 8,
             b"recurring events"),
            (vcal(vevent("x@x", "DTSTART:20240718T173000Z", "DTEND:20240719T173000Z")), 8,
             b"same day"),
            (vcal(vevent("x@x", "DTSTART:20240718T173000Z", "DTEND:20240718T163000Z")), 8,
             b"same day"),
            (vcal(vevent("x@x", "DTSTART:20240718T173015Z")), 7, b"whole minutes"),
            (vcal(vevent("x@x", "DTSTART:20240718T173000Z", "STATUS:COMPLETED")), 8,
             b"STATUS"),
            (vcal(vevent(other_uid, "DTSTART:20240718T173000Z")), 4, b"another committee"),
            (vcal(vevent("x@x", "DTSTART:20240718T173000Z", "SEQUENCE:2",
                         "SEQUENCE:3")), 8, b"more than one SEQUENCE"),
            (vcal(vevent("x@x", "DTSTART:20240718T173000Z", "SUMMARY:a\x01b")), 8,
             b"control character"),
            ("BEGIN:VCALENDAR\n" + "BEGIN:X\n" * 9, 9, b"nested too deeply"),
            ("hello world\n", 1, b"not an iCalendar content line"),
            ("", 1, b"no BEGIN:VCALENDAR"),
            ("BEGIN:VEVENT\nEND:VEVENT\n", 1, b"must start with BEGIN:VCALENDAR"),
            (vcal(ok_ev) + "BEGIN:VCALENDAR\nEND:VCALENDAR\n", 10, b"after END:VCALENDAR"),
            (" folded first\n", 1, b"continuation"),
            (vcal(vevent("x@x", "DTSTART:20240718T173000Z", "SUMMARY;X=\"open:x")), 8,
             b"unterminated"),
        ]
        for i, (text, line, msg) in enumerate(cases):
            f = self.ics(text, "bad%d.ics" % i)
            h = snapshot(s)
            p = s.run("calendar", "import", f, "--committee", "jsc")
            self.assertEqual(p.returncode, 1, (i, text, p.stderr))
            self.assertIn(msg, p.stderr, (i, p.stderr))
            if msg != b"another committee":
                self.assertIn(("%s:%d:" % (f, line)).encode(), p.stderr, (i, p.stderr))
            self.assertEqual(p.stdout, b"", i)
            self.assertEqual(snapshot(s), h, i)
        # not UTF-8, NUL bytes, oversized, missing file, not a file
        bad = os.path.join(s.tmp, "latin1.ics")
        with open(bad, "wb") as fh:
            fh.write(vcal(vevent("x@x", "DTSTART:20240718T173000Z",
                                 "SUMMARY:caf\xe9")).encode("latin-1"))
        big = os.path.join(s.tmp, "big.ics")
        with open(big, "wb") as fh:
            fh.write(b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"a" * 70 + b"\r\n" * 1)
            fh.write((b"X-PAD:" + b"a" * 70 + b"\r\n") * 120000)
        for path, code, msg in [(bad, 1, b"UTF-8"), (big, 1, b"larger than"),
                                (os.path.join(s.tmp, "none.ics"), 1, b"cannot read"),
                                (s.tmp, 1, b"not a regular file")]:
            h = snapshot(s)
            p = s.run("calendar", "import", path, "--committee", "jsc")
            self.assertEqual(p.returncode, code, (path, p.stderr))
            self.assertIn(msg, p.stderr, path)
            self.assertEqual(snapshot(s), h, path)
        # usage
        f = self.ics(vcal(ok_ev))
        for args, code in [(["calendar", "import", f], 2),
                           (["calendar", "import", "--committee", "jsc"], 2),
                           (["calendar", "import", f, "--committee", "zzz"], 1),
                           (["--rev", "HEAD", "calendar", "import", f, "--committee", "jsc"], 2)]:
            h = snapshot(s)
            p = s.run(*args)
            self.assertEqual(p.returncode, code, (args, p.stderr))
            self.assertEqual(snapshot(s), h, args)

    def test_uncommitted_edits_refused(self):
        s = self.s
        f = self.ics(vcal(vevent("a@x", "DTSTART:20240718T173000Z")))
        s.ok("calendar", "import", f, "--committee", "jsc")
        path = os.path.join(s.dir, "jsc", "2024-07-18", "meeting.md")
        with open(path, "a") as fh:
            fh.write("\nA clerk's note.\n")
        f2 = self.ics(vcal(vevent("a@x", "DTSTART:20240718T183000Z", "SEQUENCE:1")), "b.ics")
        h = snapshot(s)
        p = s.run("calendar", "import", f2, "--committee", "jsc")
        self.assertNotEqual(p.returncode, 0)
        self.assertEqual(snapshot(s), h)
        with open(path) as fh:
            self.assertIn("A clerk's note.", fh.read())

    def test_dry_run(self):
        s = self.s
        f = self.ics(vcal(vevent("a@x", "DTSTART:20240718T173000Z")))
        h = snapshot(s)
        out = s.ok("calendar", "import", f, "--committee", "jsc", "--dry-run")
        self.assertIn("create    2024-07-18 a@x", out)
        self.assertEqual(snapshot(s), h)


class Unpublished(unittest.TestCase):
    """Decision (docs/calendar.md): agenda titles reach a feed only once the
    agenda is published; before that the description says so and nothing
    more, because a draft agenda is not public information."""

    def test_draft_agenda_titles_not_in_feed(self):
        s = Store()
        try:
            s.ok("committee", "add", "csg", "--name", "Strategy Group")
            s.ok("meeting", "new", "csg", "--date", "2024-03-14", "--time", "10:00")
            s.ok("agenda", "add", "csg/2024-03-14", "Draft item DRAFTTITLE-91c", "--purpose",
                 SECRET)
            data = s.calendar()
            (ev,) = events(parse(data))
            self.assertNotIn(b"DRAFTTITLE", data)
            self.assertNotIn(SECRET.encode(), data)
            self.assertIn("The agenda has not been published yet.", str(ev["DESCRIPTION"]))
            for f in ["all.ics", "committee-csg.ics"]:
                feeds = os.path.join(s.tmp, "feeds")
                s.ok("calendar", "--feeds", feeds)
                with open(os.path.join(feeds, f), "rb") as fh:
                    self.assertNotIn(b"DRAFTTITLE", fh.read())
            s.ok("agenda", "publish", "csg/2024-03-14", "--date", "2024-03-01")
            data = s.calendar()
            self.assertIn(b"DRAFTTITLE", data)
            self.assertNotIn(SECRET.encode(), data)  # purposes never reach a feed
        finally:
            s.close()


if __name__ == "__main__":
    groups = {"schedule": Schedule, "import": Import, "unpublished": Unpublished}
    names = sys.argv[1:] or list(groups)
    suite = unittest.TestSuite()
    for n in names:
        suite.addTests(unittest.defaultTestLoader.loadTestsFromTestCase(groups[n]))
    res = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if res.wasSuccessful() else 1)
