#!/usr/bin/env python3
"""Generate a large govern store with an action register, for timing
`govern actions` (not part of the suite).

  gen_register.py DIR [--committees 20] [--years 25] [--meetings 10] [--per-meeting 10]

Writes govern.yaml, COMMITTEE/committee.md, COMMITTEE/DATE/meeting.md and
actions/ID.md in canonical form, then makes one git commit with git itself.
Deterministic (fixed seed), so two runs give the same store.
"""
import argparse, datetime, os, random, subprocess, uuid

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--committees", type=int, default=20)
ap.add_argument("--years", type=int, default=25)
ap.add_argument("--meetings", type=int, default=10)
ap.add_argument("--per-meeting", type=int, default=10)
a = ap.parse_args()
rnd = random.Random(42)
os.makedirs(os.path.join(a.dir, "actions"), exist_ok=True)
with open(os.path.join(a.dir, "govern.yaml"), "w") as f:
    f.write("format: 1\nbody: Generated County Council\ntimezone: Europe/London\n")
owners = ["Director of Public Health", "Safer North Hampshire CSP", "Chief Constable",
          "Head of Finance", "Councillor P Miller", "Hampshire Fire and Rescue Service"]
statuses = ["open"] * 3 + ["in-progress", "done", "done", "dropped"]
for c in range(a.committees):
    slug = f"c{c:02d}"
    short = f"C{c:02d}"
    os.makedirs(os.path.join(a.dir, slug), exist_ok=True)
    with open(os.path.join(a.dir, slug, "committee.md"), "w") as f:
        f.write(f"---\nname: Committee {c}\nshort_name: {short}\n---\n")
    for y in range(a.years):
        year = 2000 + y
        serial = 0
        for m in range(a.meetings):
            d = datetime.date(year, 1 + m, 10 + c % 10)
            mid = f"{slug}/{d.isoformat()}"
            os.makedirs(os.path.join(a.dir, mid), exist_ok=True)
            with open(os.path.join(a.dir, mid, "meeting.md"), "w") as f:
                f.write(f"---\nuid: {uuid.UUID(int=rnd.getrandbits(128), version=4)}@govern\n"
                        f"date: {d.isoformat()}\nstatus: held\n---\n")
            for k in range(a.per_meeting):
                serial += 1
                aid = f"{short}-{year}-{serial:03d}"
                due = d + datetime.timedelta(days=rnd.randint(14, 400))
                st = rnd.choice(statuses)
                lines = ["---", f"id: {aid}", f"committee: {slug}", "raised_in:",
                         f"  meeting: {mid}", f"  minute: {k + 1}/{year % 100:02d}",
                         f"owner: {rnd.choice(owners)}", f"due: {due.isoformat()}",
                         f"status: {st}"]
                if rnd.random() < 0.1:
                    lines += ["referred_to:", f"- c{(c + 1) % a.committees:02d}"]
                lines.append(f"created: {d.isoformat()}")
                if st != "open":
                    upd = d + datetime.timedelta(days=rnd.randint(1, 30))
                    lines += [f"updated: {upd.isoformat()}", "log:", f"- date: {upd.isoformat()}",
                              "  by: Test Clerk", f"  status: {st}", "  note: Chased by email"]
                else:
                    lines.append(f"updated: {d.isoformat()}")
                lines += ["---", "", f"Report back on item {k + 1} of meeting {mid}, including the"
                          " figures for each district and the partners' returns.", ""]
                with open(os.path.join(a.dir, "actions", aid + ".md"), "w") as f:
                    f.write("\n".join(lines))
env = dict(os.environ, GIT_AUTHOR_NAME="Gen", GIT_AUTHOR_EMAIL="gen@example.org",
           GIT_COMMITTER_NAME="Gen", GIT_COMMITTER_EMAIL="gen@example.org")
subprocess.run(["git", "init", "-q", "-b", "main", a.dir], check=True)
subprocess.run(["git", "-C", a.dir, "add", "-A"], check=True, env=env)
subprocess.run(["git", "-C", a.dir, "commit", "-q", "-m", "generated store"], check=True, env=env)
