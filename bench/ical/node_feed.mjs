// The benchmark's ical-generator side (bench/ical/bench.py): builds the same
// calendar as `govern calendar` from data.json and writes it to a file.
// build() is shared with node_store_feed.mjs, which reads the store instead.
// Run with TZ=Europe/London: ical-generator writes TZID times from a Date in
// the process's local zone.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import ical from 'ical-generator';

// The calendar's text from the extracted data (bench.py extract()); start, end
// and stamps may be ISO strings or Dates.
export function build(data) {
  const vtimezone = data.vtimezone;
  const cal = ical({
    prodId: '//govern//bench//EN',
    method: 'PUBLISH',
    name: data.name,
    scale: 'GREGORIAN',
    ttl: 3600,
    timezone: vtimezone ? { name: data.timezone, generator: () => vtimezone } : null,
  });
  for (const e of data.events) {
    cal.createEvent({
      id: e.uid,
      stamp: new Date(e.stamp),
      start: new Date(e.start),
      end: new Date(e.end),
      allDay: e.all_day,
      timezone: e.all_day ? null : data.timezone,
      summary: e.summary,
      location: e.location,
      description: e.description,
      url: e.url,
      status: e.status,
      sequence: e.sequence,
      lastModified: new Date(e.last_modified),
    });
  }
  return cal.toString();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [src, dst] = process.argv.slice(2);
  writeFileSync(dst, build(JSON.parse(readFileSync(src, 'utf8'))));
}
