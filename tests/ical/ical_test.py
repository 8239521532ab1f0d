#!/usr/bin/env python3
"""End-to-end tests of `govern calendar` (plugins/ical): the real binary
($GOVERN) against temporary stores with fixed authors and commit times, every
feed parsed by python3-icalendar (each component's .errors must be empty).

Run one group: ical_test.py GROUP (the meson tests do; see meson.build).
Regenerate the golden file: GOVERN_UPDATE_GOLDEN=1 ical_test.py golden.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from datetime import datetime, timezone

try:
    import icalendar
except ImportError:  # Debian's python3-icalendar under another python3
    sys.path.append("/usr/lib/python3/dist-packages")
    import icalendar

HERE = os.path.dirname(os.path.abspath(__file__))
GOVERN = os.environ.get("GOVERN", "govern")
GOLDEN = os.path.join(HERE, "golden", "small.ics")
T0 = 1700000000  # 2023-11-14T22:13:20Z

LOCATION = 'Council Chamber, Deanes; Basingstoke \\ "Room 1"'
LONG_NAME = ("Comité de Sécurité Communautaire du Hampshire — Groupe Stratégique "
             "Intercommunal Élargi des Partenaires Émérites")
SECRET = "SECRETMARKER-7f3a"


def env(t):
    e = dict(os.environ)
    e.update(GOVERN_AUTHOR_NAME="Test Clerk", GOVERN_AUTHOR_EMAIL="clerk@example.org",
             GOVERN_COMMIT_TIME=str(t), NO_COLOR="1", TZ="UTC", LC_ALL="C.UTF-8")
    return e


class Store:
    """A temporary store; every write is a commit at a fixed, increasing time."""

    def __init__(self, body="Hampshire County Council", tz=None):
        self.tmp = tempfile.mkdtemp(prefix="govern-ical-")
        self.dir = os.path.join(self.tmp, "store")
        self.t = T0
        args = ["init", self.dir, "--body", body]
        if tz:
            args += ["--timezone", tz]
        self.ok(*args, cwd=self.tmp)

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run(self, *args, cwd=None):
        self.t += 60
        return subprocess.run([GOVERN, *args], cwd=cwd or self.dir, env=env(self.t),
                              capture_output=True)

    def ok(self, *args, cwd=None):
        p = self.run(*args, cwd=cwd)
        if p.returncode != 0:
            raise AssertionError("govern %s failed (%d): %s" %
                                 (" ".join(args), p.returncode, p.stderr.decode()))
        return p.stdout.decode()

    def git_commit(self, message):
        """Commits hand edits with git itself (fixed dates)."""
        self.t += 60
        e = env(self.t)
        e.update(GIT_AUTHOR_NAME="Test Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
                 GIT_COMMITTER_NAME="Test Clerk", GIT_COMMITTER_EMAIL="clerk@example.org",
                 GIT_AUTHOR_DATE="@%d +0000" % self.t, GIT_COMMITTER_DATE="@%d +0000" % self.t)
        subprocess.run(["git", "add", "-A"], cwd=self.dir, env=e, check=True)
        subprocess.run(["git", "commit", "-q", "-m", message], cwd=self.dir, env=e, check=True)

    def set_uid(self, meeting_id, uid):
        path = os.path.join(self.dir, meeting_id, "meeting.md")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"^uid: .*$", "uid: " + uid, text, count=1, flags=re.M)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def append_config(self, text):
        with open(os.path.join(self.dir, "govern.yaml"), "a", encoding="utf-8") as f:
            f.write(text)

    def calendar(self, *args):
        p = self.run("calendar", *args)
        if p.returncode != 0:
            raise AssertionError("govern calendar failed: " + p.stderr.decode())
        return p.stdout

    def uid(self, meeting_id):
        with open(os.path.join(self.dir, meeting_id, "meeting.md"), encoding="utf-8") as f:
            return re.search(r"^uid: (.*)$", f.read(), re.M).group(1)


def small_store():
    """The golden store: every kind of event the feed writes."""
    s = Store()
    s.ok("committee", "add", "csg", "--name", "Community Safety Strategy Group")
    s.ok("committee", "add", "cabinet", "--name", "Cabinet", "--kind", "executive")
    s.ok("member", "add", "csg", "Cllr Ann Example", "--role", "chair", "--from", "2024-01-01",
         "--to", "2024-06-30")
    s.ok("member", "add", "cabinet", "Cllr Ann Example")
    ids = ["csg/2024-03-14", "csg/2024-07-11", "cabinet/2024-05-20", "cabinet/2024-06-17",
           "cabinet/2024-09-02"]
    # winter (GMT), with an end time and a tricky location
    s.ok("meeting", "new", "csg", "--date", "2024-03-14", "--time", "10:00", "--end", "12:30",
         "--location", LOCATION)
    # summer (BST), no end: two hours
    s.ok("meeting", "new", "csg", "--date", "2024-07-11", "--time", "14:00",
         "--title", "Annual review")
    # all day
    s.ok("meeting", "new", "cabinet", "--date", "2024-05-20")
    s.ok("meeting", "new", "cabinet", "--date", "2024-06-17", "--time", "10:00")
    s.ok("meeting", "new", "cabinet", "--date", "2024-09-02", "--time", "09:30", "--private")
    for i, mid in enumerate(ids):
        s.set_uid(mid, "golden-%d@govern" % (i + 1))
    s.append_config("base_url: https://democracy.example.org/meetings/\n")
    s.git_commit("Fixed uids and base_url for the golden feed")
    # later changes give each meeting its own DTSTAMP
    s.ok("agenda", "add", "csg/2024-03-14", "Strategic assessment", "--purpose", "Open item")
    s.ok("agenda", "add", "csg/2024-03-14", "Contract award", "--purpose", SECRET,
         "--exempt", "3")
    s.ok("agenda", "publish", "csg/2024-03-14", "--date", "2024-03-01")
    s.ok("meeting", "reschedule", "csg/2024-07-11", "--time", "15:00")  # sequence 1
    s.ok("meeting", "cancel", "cabinet/2024-05-20", "--reason", "No business")
    s.ok("meeting", "postpone", "cabinet/2024-06-17", "--reason", "Election period")
    s.ok("agenda", "add", "cabinet/2024-09-02", "Staffing", "--purpose", SECRET, "--exempt", "1")
    s.ok("agenda", "publish", "cabinet/2024-09-02", "--date", "2024-08-20")
    return s


def parse(data):
    """Parses with python3-icalendar; fails on any component error."""
    cal = icalendar.Calendar.from_ical(data)
    for comp in cal.walk():
        assert not comp.errors, "%s: %s" % (comp.name, comp.errors)
    return cal


def check_lines(tc, data):
    """CRLF only, at most 75 octets a line, valid UTF-8 on every line."""
    tc.assertTrue(data.endswith(b"\r\n"))
    body = data[:-2]
    tc.assertNotIn(b"\n", body.replace(b"\r\n", b""))
    tc.assertNotIn(b"\r", body.replace(b"\r\n", b""))
    for line in body.split(b"\r\n"):
        tc.assertLessEqual(len(line), 75, line)
        line.decode("utf-8")  # a split sequence would raise


def events(cal):
    return [c for c in cal.walk("VEVENT")]


class Golden(unittest.TestCase):
    def test_golden_feed_and_stability(self):
        s = small_store()
        try:
            a = s.calendar()
            b = s.calendar()
            self.assertEqual(a, b, "two runs gave different bytes")
            out = os.path.join(s.tmp, "out.ics")
            s.ok("calendar", "--output", out)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), a)
            check_lines(self, a)
            parse(a)
            if os.environ.get("GOVERN_UPDATE_GOLDEN"):
                with open(GOLDEN, "wb") as f:
                    f.write(a)
            with open(GOLDEN, "rb") as f:
                self.assertEqual(a.decode(), f.read().decode())
        finally:
            s.close()


class Feed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = small_store()
        cls.data = cls.s.calendar()
        cls.cal = parse(cls.data)

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def ev(self, uid):
        for e in events(self.cal):
            if str(e["UID"]) == uid:
                return e
        self.fail("no event " + uid)

    def test_calendar_properties(self):
        c = self.cal
        self.assertEqual(str(c["VERSION"]), "2.0")
        self.assertEqual(str(c["METHOD"]), "PUBLISH")
        self.assertEqual(str(c["CALSCALE"]), "GREGORIAN")
        self.assertTrue(str(c["PRODID"]))
        self.assertEqual(str(c["X-WR-CALNAME"]), "Hampshire County Council: all meetings")
        self.assertEqual(str(c["NAME"]), "Hampshire County Council: all meetings")
        self.assertEqual(str(c["X-WR-TIMEZONE"]), "Europe/London")
        self.assertIn(b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", self.data)
        self.assertIn(b"\r\nX-PUBLISHED-TTL:PT1H\r\n", self.data)

    def test_own_compact_vtimezone(self):
        tzs = self.cal.walk("VTIMEZONE")
        self.assertEqual(len(tzs), 1)
        self.assertEqual(str(tzs[0]["TZID"]), "Europe/London")
        self.assertNotIn(b"freeassociation", self.data)
        self.assertIn(b"BYDAY=-1SU", self.data)
        self.assertIn(b"BYMONTH=3", self.data)
        self.assertIn(b"BYMONTH=10", self.data)

    def test_tzid_times_and_utc_instants(self):
        e = self.ev("golden-1@govern")
        self.assertIn(b"DTSTART;TZID=Europe/London:20240314T100000\r\n", self.data)
        self.assertIn(b"DTEND;TZID=Europe/London:20240314T123000\r\n", self.data)
        start = e["DTSTART"].dt
        self.assertEqual(start.astimezone(timezone.utc),
                         datetime(2024, 3, 14, 10, 0, tzinfo=timezone.utc))
        summer = self.ev("golden-2@govern")["DTSTART"].dt  # BST: 15:00 local = 14:00 UTC
        self.assertEqual(summer.astimezone(timezone.utc),
                         datetime(2024, 7, 11, 14, 0, tzinfo=timezone.utc))

    def test_default_duration_two_hours(self):
        e = self.ev("golden-2@govern")
        self.assertEqual(e["DTEND"].dt - e["DTSTART"].dt, __import__("datetime").timedelta(hours=2))

    def test_all_day(self):
        self.assertIn(b"DTSTART;VALUE=DATE:20240520\r\n", self.data)
        self.assertIn(b"DTEND;VALUE=DATE:20240521\r\n", self.data)

    def test_status_and_summary(self):
        self.assertEqual(str(self.ev("golden-1@govern")["STATUS"]), "CONFIRMED")
        self.assertEqual(str(self.ev("golden-3@govern")["STATUS"]), "CANCELLED")
        self.assertEqual(str(self.ev("golden-4@govern")["STATUS"]), "TENTATIVE")
        self.assertEqual(str(self.ev("golden-2@govern")["SUMMARY"]),
                         "Community Safety Strategy Group: Annual review")
        self.assertEqual(str(self.ev("golden-3@govern")["SUMMARY"]), "Cabinet")

    def test_sorted_by_date(self):
        uids = [str(e["UID"]) for e in events(self.cal)]
        self.assertEqual(uids, ["golden-1@govern", "golden-3@govern", "golden-4@govern",
                                "golden-2@govern", "golden-5@govern"])

    def test_location_escaping_round_trips(self):
        self.assertEqual(str(self.ev("golden-1@govern")["LOCATION"]), LOCATION)
        self.assertIn(b'LOCATION:Council Chamber\\, Deanes\\; Basingstoke \\\\ "Room 1"',
                      self.data)

    def test_description_public_only(self):
        d = str(self.ev("golden-1@govern")["DESCRIPTION"])
        self.assertIn("Strategic assessment", d)
        self.assertIn("Contract award (exempt: Schedule 12A paragraph 3", d)
        self.assertEqual(str(self.ev("golden-5@govern")["DESCRIPTION"]),
                         "This meeting is held in private.")
        self.assertNotIn(SECRET.encode(), self.data)
        self.assertNotIn(b"Staffing", self.data)

    def test_url(self):
        self.assertEqual(str(self.ev("golden-1@govern")["URL"]),
                         "https://democracy.example.org/meetings/csg/2024-03-14/")

    def test_dtstamp_is_commit_time(self):
        e = self.ev("golden-1@govern")
        # the uid edit was the last commit touching the meeting's directory
        last = int(subprocess.run(["git", "log", "-1", "--format=%at", "--", "csg/2024-03-14"],
                                  cwd=self.s.dir, capture_output=True, check=True).stdout)
        want = datetime.fromtimestamp(last, timezone.utc)
        self.assertEqual(e["DTSTAMP"].dt, want)
        self.assertEqual(e["LAST-MODIFIED"].dt, want)

    def test_committee_filter_and_dates(self):
        cal = parse(self.s.calendar("--committee", "cabinet", "--from", "2024-06-01"))
        self.assertEqual([str(e["UID"]) for e in events(cal)],
                         ["golden-4@govern", "golden-5@govern"])
        self.assertEqual(str(cal["X-WR-CALNAME"]), "Hampshire County Council: Cabinet")
        cal = parse(self.s.calendar("--to", "2024-03-14"))
        self.assertEqual([str(e["UID"]) for e in events(cal)], ["golden-1@govern"])


class Lifecycle(unittest.TestCase):
    def test_reschedule_raises_sequence_keeps_uid(self):
        s = Store()
        try:
            s.ok("committee", "add", "csg", "--name", "CSG")
            s.ok("meeting", "new", "csg", "--date", "2024-03-14", "--time", "10:00")
            uid = s.uid("csg/2024-03-14")
            e1 = events(parse(s.calendar()))[0]
            s.ok("meeting", "reschedule", "csg/2024-03-14", "--date", "2024-03-21")
            e2 = events(parse(s.calendar()))[0]
            self.assertEqual(str(e1["UID"]), uid)
            self.assertEqual(str(e2["UID"]), uid)
            self.assertGreater(int(e2["SEQUENCE"]), int(e1["SEQUENCE"]))
            self.assertGreater(e2["DTSTAMP"].dt, e1["DTSTAMP"].dt)
            s.ok("meeting", "cancel", "csg/2024-03-14", "--reason", "Storm")
            data = s.calendar()
            e3 = events(parse(data))[0]
            self.assertEqual(str(e3["UID"]), uid)
            self.assertEqual(str(e3["STATUS"]), "CANCELLED")
            self.assertGreater(int(e3["SEQUENCE"]), int(e2["SEQUENCE"]))
            self.assertIn("Storm", str(e3["DESCRIPTION"]))
        finally:
            s.close()

    def test_uncommitted_meeting_uses_head_time(self):
        s = Store()
        try:
            s.ok("committee", "add", "csg", "--name", "CSG")
            s.ok("meeting", "new", "csg", "--date", "2024-03-14")
            head = s.t
            os.makedirs(os.path.join(s.dir, "csg", "2024-04-01"))
            with open(os.path.join(s.dir, "csg", "2024-04-01", "meeting.md"), "w") as f:
                f.write("---\nuid: hand-made@govern\ndate: 2024-04-01\nstatus: scheduled\n"
                        "sequence: 0\n---\n")
            a = s.calendar()
            self.assertEqual(a, s.calendar())
            e = [e for e in events(parse(a)) if str(e["UID"]) == "hand-made@govern"][0]
            self.assertEqual(e["DTSTAMP"].dt, datetime.fromtimestamp(head, timezone.utc))
        finally:
            s.close()

    def test_long_non_ascii_name_folds(self):
        s = Store(body="Conseil — Hampshire ✓")
        try:
            s.ok("committee", "add", "comite", "--name", LONG_NAME)
            s.ok("meeting", "new", "comite", "--date", "2024-03-14", "--time", "18:00",
                 "--location", "Salle des fêtes, Église Saint-Étienne; niveau 2 " * 3)
            data = s.calendar()
            check_lines(self, data)
            self.assertIn(b"\r\n ", data)  # something was folded
            cal = parse(data)
            e = events(cal)[0]
            self.assertEqual(str(e["SUMMARY"]), LONG_NAME)
            self.assertEqual(str(cal["X-WR-CALNAME"]), "Conseil — Hampshire ✓: all meetings")
        finally:
            s.close()

    def test_other_time_zone_in_utc(self):
        s = Store(tz="America/New_York")
        try:
            s.ok("committee", "add", "c", "--name", "C")
            s.ok("meeting", "new", "c", "--date", "2024-07-01", "--time", "10:00")
            data = s.calendar()
            self.assertIn(b"DTSTART:20240701T140000Z\r\n", data)
            self.assertNotIn(b"TZID", data)
            self.assertNotIn(b"VTIMEZONE", data)
            parse(data)
        finally:
            s.close()


class Member(unittest.TestCase):
    def test_member_feed_only_their_bodies_within_dates(self):
        s = Store()
        try:
            for slug in ("a", "b", "c"):
                s.ok("committee", "add", slug, "--name", "Body " + slug.upper())
            s.ok("member", "add", "a", "Cllr Zoë Brontë", "--from", "2024-01-01",
                 "--to", "2024-03-31")
            s.ok("member", "add", "b", "Cllr Zoë Brontë", "--from", "2024-03-01")
            s.ok("member", "add", "c", "Someone Else")
            for slug, d in [("a", "2023-12-01"), ("a", "2024-02-01"), ("a", "2024-05-01"),
                            ("b", "2024-02-15"), ("b", "2024-04-01"), ("c", "2024-02-01")]:
                s.ok("meeting", "new", slug, "--date", d)
            data = s.calendar("--member", "Cllr Zoë Brontë")
            cal = parse(data)
            got = [e["DTSTART"].dt.isoformat() + " " + str(e["SUMMARY"]) for e in events(cal)]
            self.assertEqual(got, ["2024-02-01 Body A", "2024-04-01 Body B"])
            self.assertEqual(str(cal["X-WR-CALNAME"]),
                             "Hampshire County Council: meetings of Cllr Zoë Brontë")
        finally:
            s.close()


class Feeds(unittest.TestCase):
    def test_feeds_dir(self):
        s = small_store()
        try:
            s.ok("member", "add", "csg", "Cllr Zoë Brontë")
            s.ok("member", "add", "csg", "Zoe Bronte")  # same file slug: gets -2
            out = os.path.join(s.tmp, "feeds")
            listing = s.ok("calendar", "--feeds", out)
            names = sorted(os.listdir(out))
            self.assertEqual(names, ["all.ics", "committee-cabinet.ics", "committee-csg.ics",
                                     "index.html", "index.json", "member-cllr-ann-example.ics",
                                     "member-cllr-zoe-bronte.ics", "member-zoe-bronte.ics"])
            self.assertEqual(len(listing.splitlines()), len(names))
            with open(os.path.join(out, "index.json"), encoding="utf-8") as f:
                idx = json.load(f)
            files = [c["file"] for c in idx["calendars"]]
            self.assertEqual(files[0], "all.ics")
            self.assertEqual(set(files) | {"index.html", "index.json"}, set(names))
            for c in idx["calendars"]:
                with open(os.path.join(out, c["file"]), "rb") as f:
                    data = f.read()
                check_lines(self, data)
                cal = parse(data)
                self.assertEqual(len(events(cal)), c["events"], c["file"])
                self.assertEqual(str(cal["X-WR-CALNAME"]), c["name"])
                self.assertNotIn(SECRET.encode(), data)
            with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
                html = f.read()
            self.assertIn('href="committee-csg.ics"', html)
            self.assertIn("Cllr Zoë Brontë", html)
            self.assertNotIn(SECRET, html)
            with open(os.path.join(out, "all.ics"), "rb") as f:
                self.assertEqual(f.read(), s.calendar())
            # stable: a second run writes the same bytes
            before = {n: open(os.path.join(out, n), "rb").read() for n in names}
            s.ok("calendar", "--feeds", out)
            after = {n: open(os.path.join(out, n), "rb").read() for n in names}
            self.assertEqual(before, after)
        finally:
            s.close()


class Check(unittest.TestCase):
    def test_overlaps(self):
        s = Store()
        try:
            s.ok("committee", "add", "a", "--name", "Body A")
            s.ok("committee", "add", "b", "--name", "Body B")
            s.ok("member", "add", "a", "Cllr Both")
            s.ok("member", "add", "b", "Cllr Both", "--from", "2024-03-01")
            s.ok("member", "add", "b", "Cllr Sub", "--role", "substitute")
            s.ok("member", "add", "a", "Cllr Sub")
            # same body, overlapping: 10:00-12:00 and 11:00
            s.ok("meeting", "new", "a", "--date", "2024-02-01", "--time", "10:00")
            s.ok("meeting", "new", "a", "--date", "2024-02-01", "--time", "11:00")
            # different bodies, overlapping, but Cllr Both not yet on b
            s.ok("meeting", "new", "b", "--date", "2024-02-01", "--time", "11:30")
            # different bodies, overlapping, both seats held
            s.ok("meeting", "new", "a", "--date", "2024-04-01", "--time", "10:00",
                 "--end", "11:00")
            s.ok("meeting", "new", "b", "--date", "2024-04-01", "--time", "10:30")
            # touching, not overlapping
            s.ok("meeting", "new", "a", "--date", "2024-05-01", "--time", "10:00",
                 "--end", "11:00")
            s.ok("meeting", "new", "b", "--date", "2024-05-01", "--time", "11:00")
            # cancelled meetings take no time
            s.ok("meeting", "new", "a", "--date", "2024-06-01", "--time", "10:00")
            s.ok("meeting", "new", "a", "--date", "2024-06-01", "--time", "10:30")
            s.ok("meeting", "cancel", "a/2024-06-01-2", "--reason", "x")
            # before the meetings: none is yet to be recorded as held
            p = s.run("check", "--format", "json", "--as-of", "2024-01-15")
            out = p.stdout.decode()
            p2 = s.run("check", "--as-of", "2024-01-15")
            text = p2.stdout.decode() + p2.stderr.decode()
            overlap = [l for l in text.splitlines() if "calendar-overlap" in l]
            clash = [l for l in text.splitlines() if "calendar-member-clash" in l]
            self.assertEqual(len(overlap), 1, text)
            self.assertIn("a/2024-02-01-2", overlap[0])
            self.assertEqual(len(clash), 1, text)
            self.assertIn("Cllr Both", clash[0])
            self.assertIn("a/2024-04-01", clash[0])
            self.assertNotIn("2024-05-01", text)
            self.assertNotIn("2024-06-01", text)
            self.assertNotIn("Cllr Sub", text)
            self.assertNotEqual(p2.returncode, 0)
            del out
        finally:
            s.close()


class Errors(unittest.TestCase):
    def test_bad_inputs(self):
        s = Store()
        try:
            s.ok("committee", "add", "a", "--name", "Body A")
            p = s.run("calendar", "--member", "Nobody")
            self.assertEqual(p.returncode, 1)
            self.assertIn(b"unknown member 'Nobody'", p.stderr)
            self.assertEqual(p.stdout, b"")
            p = s.run("calendar", "--committee", "zzz")
            self.assertEqual(p.returncode, 1)
            self.assertIn(b"unknown committee 'zzz'", p.stderr)
            p = s.run("calendar", "--from", "2024-02-30")
            self.assertEqual(p.returncode, 2)
            p = s.run("calendar", "--feeds", os.path.join(s.tmp, "f"), "--member", "x")
            self.assertEqual(p.returncode, 2)
            p = s.run("calendar", "extra")
            self.assertEqual(p.returncode, 2)
            # an empty store still gives a valid calendar
            parse(s.calendar())
        finally:
            s.close()

class Stamps(unittest.TestCase):
    """DTSTAMP from the history: the walk over the commits' trees (a store
    with a work tree) and the walk through govern_store_log() (a bare clone)
    must give the same bytes, over merges, renames, deletions, mode changes,
    files deeper in a meeting's directory and a store in a subdirectory."""

    def git(self, s, *args, cwd=None):
        s.t += 60
        e = env(s.t)
        e.update(GIT_AUTHOR_NAME="Test Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
                 GIT_COMMITTER_NAME="Test Clerk", GIT_COMMITTER_EMAIL="clerk@example.org",
                 GIT_AUTHOR_DATE="@%d +0000" % s.t, GIT_COMMITTER_DATE="@%d +0000" % s.t)
        subprocess.run(["git", *args], cwd=cwd or s.dir, env=e, check=True,
                       capture_output=True)

    def history(self, s):
        s.ok("committee", "add", "csg", "--name", "CSG")
        s.ok("committee", "add", "cab", "--name", "Cabinet")
        for d in ("2024-03-14", "2024-04-11", "2024-05-09", "2024-06-13"):
            s.ok("meeting", "new", "csg", "--date", d, "--time", "10:00")
        s.ok("meeting", "new", "cab", "--date", "2024-03-20")
        s.ok("meeting", "new", "cab", "--date", "2024-04-20")
        # a branch merged back: commits on both sides
        self.git(s, "checkout", "-q", "-b", "side")
        s.ok("agenda", "add", "csg/2024-04-11", "Side item", "--purpose", "From the branch")
        self.git(s, "checkout", "-q", "-")
        s.ok("meeting", "reschedule", "cab/2024-03-20", "--time", "18:00")
        self.git(s, "merge", "-q", "--no-ff", "-m", "Merge side", "side")
        # a file deeper in a meeting's directory, a mode change, a rename, a deletion
        os.makedirs(os.path.join(s.dir, "csg", "2024-05-09", "papers"))
        with open(os.path.join(s.dir, "csg", "2024-05-09", "papers", "a.txt"), "w") as f:
            f.write("paper\n")
        self.git(s, "add", "-A")
        self.git(s, "commit", "-q", "-m", "A paper")
        os.chmod(os.path.join(s.dir, "csg", "2024-06-13", "agenda.md"), 0o755)
        self.git(s, "commit", "-q", "-am", "Mode")
        self.git(s, "rm", "-q", "-r", "cab/2024-04-20")
        self.git(s, "commit", "-q", "-m", "Delete a meeting")
        s.append_config("base_url: https://example.org/\n")
        self.git(s, "commit", "-q", "-am", "Only the config")
        self.git(s, "commit", "-q", "--allow-empty", "-m", "Empty")

    def same(self, s, bare_dir, work_cwd=None):
        work = s.calendar() if work_cwd is None else s.ok("calendar", cwd=work_cwd).encode()
        bare = s.ok("-C", bare_dir, "calendar").encode()
        self.assertEqual(work, bare)
        stamps = sorted(set(str(e["DTSTAMP"].to_ical()) for e in events(parse(work))))
        self.assertGreater(len(stamps), 3)  # the meetings have different times
        old = s.run("--rev", "HEAD~3", "calendar")
        old_bare = s.run("-C", bare_dir, "--rev", "HEAD~3", "calendar")
        self.assertEqual(old.returncode, 0, old.stderr)
        self.assertEqual(old.stdout, old_bare.stdout)

    def test_store_at_the_root(self):
        s = Store()
        try:
            self.history(s)
            bare = os.path.join(s.tmp, "bare.git")
            subprocess.run(["git", "clone", "-q", "--bare", s.dir, bare], check=True)
            self.same(s, bare)
        finally:
            s.close()

    def test_store_in_a_subdirectory(self):
        s = Store()
        try:
            big = os.path.join(s.tmp, "big")
            os.makedirs(big)
            subprocess.run(["git", "init", "-q", big], check=True)
            with open(os.path.join(big, "main.c"), "w") as f:
                f.write("code\n")
            self.git(s, "add", "main.c", cwd=big)
            self.git(s, "commit", "-q", "-m", "Code", cwd=big)
            s.ok("-C", big, "init", "meetings", "--body", "Hart District Council")
            s.dir = os.path.join(big, "meetings")
            self.history(s)
            with open(os.path.join(big, "main.c"), "a") as f:
                f.write("more\n")
            self.git(s, "commit", "-q", "-am", "Code outside the store", cwd=big)
            bare = os.path.join(s.tmp, "big.git")
            subprocess.run(["git", "clone", "-q", "--bare", big, bare], check=True)
            self.same(s, bare)
        finally:
            s.close()


if __name__ == "__main__":
    groups = {"golden": Golden, "feed": Feed, "lifecycle": Lifecycle, "member": Member,
              "feeds": Feeds, "check": Check, "errors": Errors, "stamps": Stamps}
    names = sys.argv[1:] or list(groups)
    suite = unittest.TestSuite()
    for n in names:
        suite.addTests(unittest.defaultTestLoader.loadTestsFromTestCase(groups[n]))
    res = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if res.wasSuccessful() else 1)
