// The benchmark's end-to-end node side (bench/ical/bench.py): the work
// `govern calendar` does, in JavaScript.  It reads the store in the current
// directory -- govern.yaml, every committee.md, meeting.md and agenda.md
// (front matter parsed with js-yaml) -- takes each meeting's DTSTAMP from the
// history (one `git log` for all meetings: the newest commit touching the
// meeting's directory, as govern does), builds the same events and writes
// them with ical-generator (node_feed.mjs build()).  Run with
// TZ=Europe/London, like node_feed.mjs.
//   node node_store_feed.mjs OUT.ics
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { build } from './node_feed.mjs';

function frontMatter(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
    throw e;
  }
  if (!text.startsWith('---\n')) throw new Error(`${path}: no front matter`);
  const end = text.indexOf('\n---\n', 3);
  return yaml.load(text.slice(4, end + 1)) || {};
}

const minutes = (v) => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return v; // YAML 1.1 sexagesimal, should js-yaml ever do it
  const [h, m] = String(v).split(':');
  return Number(h) * 60 + Number(m);
};

const isoDay = (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

// {dir: author time} of the newest commit touching each meeting directory.
function stamps(dirs) {
  const out = execFileSync('git', ['log', '--topo-order', '--diff-merges=first-parent',
    '--name-only', '--format=%x00%at', '--relative', '--', '.'],
  { encoding: 'utf8', maxBuffer: 1 << 30 });
  const got = new Map();
  let head = null;
  for (const chunk of out.split('\0').slice(1)) {
    const lines = chunk.split('\n');
    const t = Number(lines[0]);
    if (head === null) head = t;
    for (const p of lines.slice(1)) {
      const d = p.split('/').slice(0, 2).join('/');
      if (dirs.has(d) && !got.has(d)) got.set(d, t);
    }
    if (got.size === dirs.size) break;
  }
  return [got, head || 0];
}

const [dst] = process.argv.slice(2);
const cfg = yaml.load(readFileSync('govern.yaml', 'utf8'));
const base = (cfg.base_url || '').replace(/\/+$/, '');
const meetings = [];
const names = new Map();
for (const slug of readdirSync('.').sort()) {
  if (!statSync(slug).isDirectory()) continue;
  const c = frontMatter(`${slug}/committee.md`);
  if (c === null) continue;
  names.set(slug, c.name || slug);
  for (const d of readdirSync(slug)) {
    const id = `${slug}/${d}`;
    const m = frontMatter(`${id}/meeting.md`);
    if (m !== null) meetings.push({ id, m, a: frontMatter(`${id}/agenda.md`) });
  }
}
const [got, head] = stamps(new Set(meetings.map((x) => x.id)));
const events = [];
for (const { id, m, a } of meetings) {
  const slug = id.split('/')[0];
  const day = isoDay(m.date);
  const t = minutes(m.time), end = minutes(m.end);
  const status = m.status || 'scheduled';
  let desc;
  if (m.private) {
    desc = 'This meeting is held in private.';
  } else {
    desc = '';
    if (status === 'cancelled' || status === 'postponed') {
      desc = (status === 'cancelled' ? 'Cancelled' : 'Postponed') +
        (m.reason ? `: ${m.reason}` : '.') + '\n\n';
    }
    const items = (a && a.items) || [];
    if (!a || !a.published || !items.length) {
      desc += 'The agenda has not been published yet.';
    } else {
      desc += 'Agenda:';
      items.forEach((it, i) => {
        desc += `\n${i + 1}. ${it.title}`;
        if (it.exempt) {
          desc += ` (exempt: Schedule 12A paragraph ${Number(it.exempt)}, not for publication)`;
        }
      });
    }
  }
  let start, stop;
  const allDay = t === null;
  const [y, mo, da] = day.split('-').map(Number);
  if (allDay) {
    start = new Date(day);
    stop = new Date(Date.UTC(y, mo - 1, da + 1));
  } else {
    start = new Date(y, mo - 1, da, 0, t); // wall time in TZ=Europe/London
    stop = new Date(y, mo - 1, da, 0, end !== null && end > t ? end : t + 120);
  }
  const stamp = new Date((got.has(id) ? got.get(id) : head) * 1000);
  events.push({
    key: day + ' ' + id,
    ev: {
      uid: String(m.uid),
      summary: names.get(slug) + (m.title ? `: ${m.title}` : ''),
      all_day: allDay,
      start,
      end: stop,
      status: { cancelled: 'CANCELLED', postponed: 'TENTATIVE' }[status] || 'CONFIRMED',
      sequence: Number(m.sequence || 0),
      stamp,
      last_modified: stamp,
      description: desc,
      location: m.location === undefined || m.location === null ? null : String(m.location),
      url: base ? `${base}/${id}/` : null,
    },
  });
}
events.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
const tz = cfg.timezone || 'Europe/London';
const VTIMEZONE = ['BEGIN:VTIMEZONE', 'TZID:Europe/London',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'TZNAME:BST',
  'DTSTART:19700329T010000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'TZNAME:GMT',
  'DTSTART:19701025T020000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD',
  'END:VTIMEZONE'].join('\r\n') + '\r\n';
writeFileSync(dst, build({
  name: `${cfg.body}: all meetings`,
  timezone: tz,
  vtimezone: tz === 'Europe/London' ? VTIMEZONE : null,
  events: events.map((x) => x.ev),
}));
