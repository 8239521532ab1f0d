#!/usr/bin/python3
"""The benchmark's python3-icalendar side (bench/ical/bench.py): builds the
same calendar as `govern calendar` from data.json and writes it to a file."""
import json
import sys
from datetime import date, datetime

import icalendar
import pytz


def main(src, dst):
    with open(src) as f:
        data = json.load(f)
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
        ev.add("dtstamp", datetime.fromisoformat(e["stamp"]))
        if e["all_day"]:
            ev.add("dtstart", date.fromisoformat(e["start"]))
            ev.add("dtend", date.fromisoformat(e["end"]))
        else:
            ev.add("dtstart", datetime.fromisoformat(e["start"]).astimezone(tz))
            ev.add("dtend", datetime.fromisoformat(e["end"]).astimezone(tz))
        ev.add("summary", e["summary"])
        if e["location"] is not None:
            ev.add("location", e["location"])
        if e["description"] is not None:
            ev.add("description", e["description"])
        if e["url"] is not None:
            ev.add("url", e["url"])
        ev.add("status", e["status"])
        ev.add("sequence", e["sequence"])
        ev.add("last-modified", datetime.fromisoformat(e["last_modified"]))
        cal.add_component(ev)
    with open(dst, "wb") as f:
        f.write(cal.to_ical())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
