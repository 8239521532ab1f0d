#!/usr/bin/python3
"""The benchmark's python3-icalendar side (bench/ical/bench.py): builds the
same calendar as `govern calendar` from data.json and writes it to a file.
build() is shared with py_store_feed.py, which reads the store instead."""
import json
import sys
from datetime import date, datetime

import icalendar
import pytz


def _day(v):
    return date.fromisoformat(v) if isinstance(v, str) else v


def _time(v, tz=None):
    """An ISO string or a datetime; naive ones are wall times in tz."""
    v = datetime.fromisoformat(v) if isinstance(v, str) else v
    if tz is None:
        return v
    return tz.localize(v) if v.tzinfo is None else v.astimezone(tz)


def build(data):
    """The calendar's bytes from the extracted data (see bench.py extract())."""
    tz = pytz.timezone(data["timezone"])
    cal = icalendar.Calendar()
    cal.add("prodid", "-//govern//bench//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", data["name"])
    cal.add("x-wr-calname", data["name"])
    cal.add("x-wr-timezone", data["timezone"])
    cal.add("refresh-interval", "PT1H", parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    if data["vtimezone"]:
        cal.add_component(icalendar.Timezone.from_ical(data["vtimezone"]))
    for e in data["events"]:
        ev = icalendar.Event()
        ev.add("uid", e["uid"])
        ev.add("dtstamp", _time(e["stamp"]))
        if e["all_day"]:
            ev.add("dtstart", _day(e["start"]))
            ev.add("dtend", _day(e["end"]))
        else:
            ev.add("dtstart", _time(e["start"], tz))
            ev.add("dtend", _time(e["end"], tz))
        ev.add("summary", e["summary"])
        if e["location"] is not None:
            ev.add("location", e["location"])
        if e["description"] is not None:
            ev.add("description", e["description"])
        if e["url"] is not None:
            ev.add("url", e["url"])
        ev.add("status", e["status"])
        ev.add("sequence", e["sequence"])
        ev.add("last-modified", _time(e["last_modified"]))
        cal.add_component(ev)
    return cal.to_ical()


def main(src, dst):
    with open(src) as f:
        data = json.load(f)
    with open(dst, "wb") as f:
        f.write(build(data))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
