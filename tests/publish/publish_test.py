"""End-to-end tests of `govern publish` (tests/publish/meson.build runs one
group per test): the repository's own store (meetings/) copied into a
temporary git repository, published, and checked as its readers' tools see
it: links, HTML (tidy), Atom (python3-feedparser), iCalendar
(python3-icalendar); then incremental republishing and a bare clone."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_check  # noqa: E402

GOVERN = os.environ["GOVERN"]
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "meetings")
BASE = "https://democracy.example.org"
AS_OF = "2021-12-20"


def env():
    e = dict(os.environ)
    e.update(GOVERN_AUTHOR_NAME="Test Clerk", GOVERN_AUTHOR_EMAIL="clerk@example.org",
             GIT_AUTHOR_NAME="Test Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
             GIT_COMMITTER_NAME="Test Clerk", GIT_COMMITTER_EMAIL="clerk@example.org",
             GOVERN_COMMIT_TIME="1700000000", GIT_AUTHOR_DATE="1700000000 +0000",
             GIT_COMMITTER_DATE="1700000000 +0000", NO_COLOR="1", GIT_CONFIG_NOSYSTEM="1",
             GIT_CONFIG_GLOBAL="/dev/null")
    return e


class Store:
    """A copy of meetings/ as a store of its own."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="govern-publish-")
        self.dir = os.path.join(self.tmp, "store")
        shutil.copytree(SRC, self.dir)
        self.git("init", "-q", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "the store")

    def git(self, *args):
        subprocess.run(["git", *args], cwd=self.dir, env=env(), check=True,
                       stdout=subprocess.DEVNULL)

    def run(self, *args, cwd=None):
        return subprocess.run([GOVERN, *args], cwd=cwd or self.dir, env=env(),
                              capture_output=True)

    def ok(self, *args, cwd=None):
        p = self.run(*args, cwd=cwd)
        if p.returncode != 0:
            raise AssertionError("govern %s failed (%d): %s" %
                                 (" ".join(args), p.returncode, p.stderr.decode()))
        return p.stdout.decode()

    def publish(self, name="site", *extra, cwd=None):
        out = os.path.join(self.tmp, name)
        self.said = self.ok("publish", out, "--base-url", BASE, "--as-of", AS_OF, *extra,
                            cwd=cwd)
        return out

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def tree(root):
    """{relative path: (bytes, mtime_ns)} of every file."""
    out = {}
    for f in site_check.site_files(root):
        p = os.path.join(root, f)
        with open(p, "rb") as fh:
            out[f] = (fh.read(), os.stat(p).st_mtime_ns)
    return out


class Site(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Store()
        cls.site = cls.s.publish()

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def test_links_and_structure(self):
        self.assertEqual(site_check.check(self.site), [])

    def test_tidy(self):
        if not shutil.which("tidy"):
            self.skipTest("tidy is not installed")
        bad = []
        for f in site_check.site_files(self.site):
            if f.endswith(".html"):
                p = subprocess.run(["tidy", "-q", "-e", os.path.join(self.site, f)],
                                   capture_output=True)
                if p.returncode != 0:
                    bad.append(f + ": " + p.stderr.decode()[:300])
        self.assertEqual(bad, [])

    def test_meeting_page(self):
        t = read(os.path.join(self.site, "cdjsc", "2019-12-16", "index.html"))
        self.assertIn("Confirmed as a correct record at the meeting of", t)
        self.assertIn("<strong>Action:</strong> Provide more information on", t)
        self.assertIn("— Safer North Hampshire CSP, due Monday 21 September 2020", t)
        self.assertIn("<h3>Attendance</h3>", t)
        self.assertIn("Councillor P Miller", t)
        self.assertNotIn("ACTION CDJSC", t)
        # a report under its item: its title, not its file name; headings moved down
        c = read(os.path.join(self.site, "cabinet", "2021-12-07", "index.html"))
        self.assertIn("Report: Hampshire Community Safety Strategy Group</h4>", c)
        self.assertNotIn("hampshire-community-safety-strategy-group.md", c)
        self.assertEqual(c.count("<h1"), 1)

    def test_committee_and_member(self):
        t = read(os.path.join(self.site, "cdjsc", "index.html"))
        self.assertIn('href="../cdjsc/2019-12-16/"', t)
        self.assertIn('<th scope="col">Voting</th>', t)
        self.assertIn("committee-cdjsc.ics", t)
        members = os.listdir(os.path.join(self.site, "members"))
        self.assertIn("councillor-p-miller", members)
        m = read(os.path.join(self.site, "members", "councillor-p-miller", "index.html"))
        self.assertRegex(m, r"Attended \d+ of \d+ meetings with minutes \(\d+%\)")

    def test_actions_rag(self):
        t = read(os.path.join(self.site, "actions", "index.html"))
        self.assertIn('class="rag rag-red"', t)
        css = read(os.path.join(self.site, "style.css"))
        self.assertIn(".rag-red{", css)  # the class the pages use has a colour

    def test_atom(self):
        import feedparser
        feeds = [f for f in site_check.site_files(self.site) if f.endswith(".atom")]
        self.assertIn("feeds/council.atom", feeds)
        self.assertIn("feeds/cdjsc.atom", feeds)
        for f in feeds:
            d = feedparser.parse(os.path.join(self.site, f))
            self.assertFalse(d.bozo, "%s: %s" % (f, d.get("bozo_exception")))
            ids = [e.id for e in d.entries]
            self.assertEqual(len(ids), len(set(ids)), f)
            for e in d.entries:
                self.assertTrue(e.link.startswith(BASE + "/"), e.link)
                page = e.link[len(BASE) + 1:].split("#")[0] + "index.html"
                self.assertTrue(os.path.isfile(os.path.join(self.site, page)), page)
        d = feedparser.parse(os.path.join(self.site, "feeds", "council.atom"))
        titles = [e.title for e in d.entries]
        self.assertTrue(any(t.startswith("Agenda published: ") for t in titles))
        self.assertTrue(any(t.startswith("Minutes confirmed: ") for t in titles))
        self.assertTrue(any(t.startswith("Decision: ") for t in titles))

    def test_ics(self):
        import icalendar
        n = 0
        for f in site_check.site_files(self.site):
            if not f.endswith(".ics"):
                continue
            with open(os.path.join(self.site, f), "rb") as fh:
                cal = icalendar.Calendar.from_ical(fh.read())
            for ev in cal.walk("VEVENT"):
                url = str(ev["URL"])
                self.assertTrue(url.startswith(BASE + "/"), url)
                page = url[len(BASE) + 1:] + "index.html"
                self.assertTrue(os.path.isfile(os.path.join(self.site, page)), page)
                n += 1
        self.assertGreater(n, 20)

    def test_deterministic_and_bare(self):
        again = self.s.publish("again")
        self.assertEqual({k: v[0] for k, v in tree(again).items()},
                         {k: v[0] for k, v in tree(self.site).items()})
        bare = os.path.join(self.s.tmp, "bare.git")
        subprocess.run(["git", "clone", "-q", "--bare", self.s.dir, bare], check=True,
                       env=env())
        out = os.path.join(self.s.tmp, "from-bare")
        self.s.ok("-C", bare, "publish", out, "--base-url", BASE, "--as-of", AS_OF)
        self.assertEqual({k: v[0] for k, v in tree(out).items()},
                         {k: v[0] for k, v in tree(self.site).items()})


class Incremental(unittest.TestCase):
    def test_one_change_and_stale_pages(self):
        s = Store()
        try:
            site = s.publish()
            before = tree(site)
            s.publish()
            self.assertRegex(s.said, r": 0 files written, \d+ unchanged, 0 removed; \d+ calendar")
            self.assertEqual(tree(site), before, "a no-op republish touched files")
            # one change: a meeting's place
            s.ok("meeting", "set", "cdjsc/2020-09-21", "--location", "Online, by video link")
            s.publish()
            after = tree(site)
            changed = sorted(f for f in after if after[f] != before.get(f))
            self.assertIn("cdjsc/2020-09-21/index.html", changed)
            self.assertIn("feeds/committee-cdjsc.ics", changed)
            self.assertNotIn("cabinet/2021-12-07/index.html", changed)
            self.assertNotIn("style.css", changed)
            self.assertLess(len(changed), len(after) // 4, changed)
            for f in after:
                if f not in changed:
                    self.assertEqual(after[f][1], before[f][1], f + " rewritten")
            # stale pages: a meeting gone from the store leaves the site
            s.git("rm", "-q", "-r", "cdjsc/2018-10-11")
            s.git("commit", "-q", "-m", "remove a meeting")
            s.publish()
            self.assertNotIn(" 0 removed", s.said)
            self.assertFalse(os.path.exists(os.path.join(site, "cdjsc", "2018-10-11")))
            self.assertEqual(site_check.check(site), [])
            # a cancellation: the page says why, the feeds announce it
            s.ok("meeting", "new", "cdjsc", "--date", "2022-03-01", "--time", "18:30")
            s.ok("meeting", "cancel", "cdjsc/2022-03-01", "--reason", "No business to transact")
            s.publish()
            page = read(os.path.join(site, "cdjsc", "2022-03-01", "index.html"))
            self.assertIn('class="status cancelled">cancelled</span> (No business to transact)',
                          page)
            self.assertNotIn('id="agenda"', page)
            atom = read(os.path.join(site, "feeds", "cdjsc.atom"))
            self.assertIn("Meeting cancelled: Crime and Disorder Joint Scrutiny Committee", atom)
            self.assertIn("STATUS:CANCELLED", read(os.path.join(site, "feeds",
                                                                "committee-cdjsc.ics")))
            # a report's table and underlined headings, as readers get them
            rep = os.path.join(s.dir, "cabinet", "2021-12-07", "reports",
                               "hampshire-community-safety-strategy-group.md")
            with open(rep, "a", encoding="utf-8") as f:
                f.write("\nAppendix\n========\n\n| Area | Crimes |\n|---|---|\n| Hart | 12 |\n")
            s.git("commit", "-q", "-a", "-m", "a table in the report")
            s.publish()
            page = read(os.path.join(site, "cabinet", "2021-12-07", "index.html"))
            self.assertIn('<h5>Appendix</h5>', page)
            self.assertIn('<th scope="col">Area</th>', page)
            self.assertEqual(page.count("<h1"), 1)
            self.assertEqual(site_check.check(site), [])
            # files the site did not write are left alone
            with open(os.path.join(site, "robots.txt"), "w") as f:
                f.write("User-agent: *\n")
            s.publish()
            self.assertTrue(os.path.exists(os.path.join(site, "robots.txt")))
        finally:
            s.close()

    def test_refuses_symlinks_and_bad_dirs(self):
        s = Store()
        try:
            site = os.path.join(s.tmp, "site")
            os.makedirs(site)
            os.symlink(s.tmp, os.path.join(site, "cdjsc"))
            p = s.run("publish", site, "--as-of", AS_OF)
            self.assertEqual(p.returncode, 1)
            self.assertIn("symbolic link", p.stderr.decode())
            self.assertFalse(os.path.exists(os.path.join(s.tmp, "index.html")))
            p = s.run("publish")
            self.assertEqual(p.returncode, 2)
        finally:
            s.close()


if __name__ == "__main__":
    groups = {"site": Site, "incremental": Incremental}
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(groups[sys.argv[1]])
    r = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if r.wasSuccessful() else 1)
