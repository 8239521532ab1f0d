#!/bin/sh
# The calendar feed benchmark (not part of the test suite): 5,000 meetings,
# `govern calendar` against python3-icalendar and ical-generator (npm)
# building the same feed.  See docs/calendar.md.
#   bench/ical/run.sh [BUILD_DIR] [bench.py options: --meetings N --runs R --keep]
# Needs a build (ninja -C build), Debian's python3-icalendar and, for the
# node side, npm ci --prefix bench/ical.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$root/$build ;; esac
exec /usr/bin/python3 "$here/bench.py" --govern "$build/core/cli/govern" "$@"
