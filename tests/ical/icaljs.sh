#!/bin/sh
# ical.js (Mozilla's strict parser) reads a feed and resolves TZID times to
# the right UTC instants on both sides of both clock changes of 2024.
# usage: icaljs.sh NODE_TEST_DIR  (GOVERN in the environment)
set -eu
if ! command -v node >/dev/null 2>&1 || [ ! -d "$1/node_modules/ical.js" ]; then
    echo "SKIP: needs node and ical.js (npm ci --prefix tests/node)"
    exit 77
fi
nodedir=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOVERN_AUTHOR_NAME="Test Clerk" GOVERN_AUTHOR_EMAIL=clerk@example.org
export GOVERN_COMMIT_TIME=1700000000 NO_COLOR=1
"$GOVERN" init "$tmp/s" --body "Test Council" >/dev/null
cd "$tmp/s"
"$GOVERN" committee add c --name "Committee" >/dev/null
for d in 2024-03-30 2024-04-02 2024-10-26 2024-10-28; do
    "$GOVERN" meeting new c --date "$d" --time 10:00 >/dev/null
done
uid() { sed -n 's/^uid: //p' "c/$1/meeting.md"; }
cat >"$tmp/expect.json" <<JSON
{
  "$(uid 2024-03-30)": "2024-03-30T10:00:00.000Z",
  "$(uid 2024-04-02)": "2024-04-02T09:00:00.000Z",
  "$(uid 2024-10-26)": "2024-10-26T09:00:00.000Z",
  "$(uid 2024-10-28)": "2024-10-28T10:00:00.000Z"
}
JSON
"$GOVERN" calendar --output "$tmp/feed.ics"
node "$nodedir/tz_instants.mjs" "$tmp/feed.ics" "$tmp/expect.json"
