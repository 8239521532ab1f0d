// Parses a govern feed with Mozilla's ical.js (strict) and checks that every
// event's TZID time names Europe/London, that the zone comes from the feed's
// own VTIMEZONE (an unknown TZID would silently become floating), and that
// each start resolves to the expected UTC instant.
// usage: node tz_instants.mjs FEED.ics EXPECT.json   (EXPECT: {"UID": "ISO-UTC"})
import fs from 'node:fs';
import ICAL from 'ical.js';

const [feed, expectFile] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
const cal = new ICAL.Component(ICAL.parse(fs.readFileSync(feed, 'utf8')));
for (const vtz of cal.getAllSubcomponents('vtimezone'))
  ICAL.TimezoneService.register(vtz);
let failures = 0, checked = 0;
for (const ve of cal.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(ve);
  const want = expect[ev.uid];
  if (!want) continue;
  const start = ev.startDate;
  const tzid = ve.getFirstProperty('dtstart').getParameter('tzid');
  const got = new Date(start.toUnixTime() * 1000).toISOString();
  const zoneOk = tzid === 'Europe/London' && start.zone && start.zone.tzid === 'Europe/London';
  if (!zoneOk || got !== want) {
    console.log(`not ok ${ev.uid}: tzid=${tzid} zone=${start.zone && start.zone.tzid} got ${got} want ${want}`);
    failures++;
  } else {
    console.log(`ok ${ev.uid} ${start.toString()} -> ${got}`);
  }
  checked++;
}
if (checked !== Object.keys(expect).length) {
  console.log(`not ok: checked ${checked} of ${Object.keys(expect).length} events`);
  failures++;
}
process.exit(failures ? 1 : 0);
