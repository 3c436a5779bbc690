import type { CalendarFields, DayOfWeek, Recurrence, RecurrencePattern, WeekIndex } from '../calendar.ts';
import { DAYS_OF_WEEK } from '../calendar.ts';
import type { EmailAddress } from '../email-address.ts';
import type { Sensitivity } from '../item-record.ts';

/** iCalendar (RFC 5545) rendering and parsing of one VEVENT: the calendar part of a calendar item's MIME. */

const BYDAY: Record<DayOfWeek, string> = {
  sunday: 'SU',
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
};
const INDEX_NUMBER: Record<WeekIndex, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function unescapeText(text: string): string {
  return text.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Folds content lines at 75 characters (RFC 5545 §3.1; characters, which is stricter for ASCII). */
function fold(line: string): string {
  if (line.length <= 75) return line;
  let out = line.slice(0, 75);
  for (let i = 75; i < line.length; i += 74) out += `\r\n ${line.slice(i, i + 74)}`;
  return out;
}

function utcStamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
}

function dateOnly(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '');
}

function rrule(recurrence: Recurrence): string {
  const { pattern, range } = recurrence;
  const parts: string[] = [];
  const freq =
    pattern.type === 'daily'
      ? 'DAILY'
      : pattern.type === 'weekly'
        ? 'WEEKLY'
        : pattern.type.endsWith('Monthly')
          ? 'MONTHLY'
          : 'YEARLY';
  parts.push(`FREQ=${freq}`, `INTERVAL=${pattern.interval}`);
  const index = pattern.index ? INDEX_NUMBER[pattern.index] : undefined;
  if (pattern.daysOfWeek?.length) {
    parts.push(
      `BYDAY=${pattern.daysOfWeek.map((d) => `${pattern.type.startsWith('relative') && index ? index : ''}${BYDAY[d]}`).join(',')}`,
    );
  }
  if (pattern.dayOfMonth) parts.push(`BYMONTHDAY=${pattern.dayOfMonth}`);
  if (pattern.month) parts.push(`BYMONTH=${pattern.month}`);
  if (pattern.firstDayOfWeek) parts.push(`WKST=${BYDAY[pattern.firstDayOfWeek]}`);
  if (range.type === 'numbered' && range.numberOfOccurrences)
    parts.push(`COUNT=${range.numberOfOccurrences}`);
  if (range.type === 'endDate' && range.endDate)
    parts.push(`UNTIL=${range.endDate.replace(/-/g, '')}T235959Z`);
  return parts.join(';');
}

function person(prop: string, address: EmailAddress, extra = ''): string {
  return `${prop}${extra};CN="${address.name.replace(/"/g, "'")}":mailto:${address.address}`;
}

const CLASS: Record<Sensitivity, string> = {
  Normal: 'PUBLIC',
  Personal: 'PRIVATE',
  Private: 'PRIVATE',
  Confidential: 'CONFIDENTIAL',
};

export function renderICalendar(
  calendar: CalendarFields,
  subject: string,
  description: string,
  sensitivity: Sensitivity,
  stamp: string,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'METHOD:PUBLISH',
    'PRODID:-//exsync//Exchange simulator//EN',
    'VERSION:2.0',
    'BEGIN:VEVENT',
  ];
  lines.push(`UID:${calendar.uid}`, `DTSTAMP:${utcStamp(stamp)}`);
  if (calendar.isAllDay) {
    lines.push(
      `DTSTART;VALUE=DATE:${dateOnly(calendar.start)}`,
      `DTEND;VALUE=DATE:${dateOnly(calendar.end)}`,
    );
  } else {
    lines.push(`DTSTART:${utcStamp(calendar.start)}`, `DTEND:${utcStamp(calendar.end)}`);
  }
  if (calendar.recurrence) lines.push(`RRULE:${rrule(calendar.recurrence)}`);
  lines.push(`SUMMARY:${escapeText(subject)}`);
  if (calendar.location) lines.push(`LOCATION:${escapeText(calendar.location)}`);
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  lines.push(person('ORGANIZER', calendar.organizer));
  for (const a of calendar.requiredAttendees) lines.push(person('ATTENDEE', a, ';ROLE=REQ-PARTICIPANT'));
  for (const a of calendar.optionalAttendees) lines.push(person('ATTENDEE', a, ';ROLE=OPT-PARTICIPANT'));
  lines.push(
    `CLASS:${CLASS[sensitivity]}`,
    `TRANSP:${calendar.showAs === 'Free' ? 'TRANSPARENT' : 'OPAQUE'}`,
  );
  lines.push(`X-MICROSOFT-CDO-BUSYSTATUS:${calendar.showAs.toUpperCase()}`, 'END:VEVENT', 'END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
}

function contentLines(text: string): ContentLine[] {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const out: ContentLine[] = [];
  for (const raw of unfolded.split(/\r?\n/)) {
    if (!raw) continue;
    // The value starts at the first colon outside a quoted parameter value.
    let inQuotes = false;
    let colon = -1;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '"') inQuotes = !inQuotes;
      else if (raw[i] === ':' && !inQuotes) {
        colon = i;
        break;
      }
    }
    if (colon < 0) continue;
    const [name = '', ...paramTexts] = raw.slice(0, colon).split(';');
    const params: Record<string, string> = {};
    for (const p of paramTexts) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
    }
    out.push({ name: name.toUpperCase(), params, value: raw.slice(colon + 1) });
  }
  return out;
}

function parseStamp(line: ContentLine): { iso: string; dateOnly: boolean } | undefined {
  const v = line.value.trim();
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  return {
    iso: `${y}-${mo}-${d}T${h}:${mi}:${s}Z`,
    dateOnly: m[4] === undefined || line.params['VALUE'] === 'DATE',
  };
}

function parseRrule(value: string, startIso: string): Recurrence | undefined {
  const parts = Object.fromEntries(
    value.split(';').map((p) => {
      const eq = p.indexOf('=');
      return [p.slice(0, eq).toUpperCase(), p.slice(eq + 1)] as const;
    }),
  );
  const interval = Number(parts['INTERVAL'] ?? '1') || 1;
  const codes = Object.entries(BYDAY);
  const byDay = (parts['BYDAY'] ?? '')
    .split(',')
    .filter(Boolean)
    .map((d) => /^([+-]?\d)?([A-Z]{2})$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null);
  const days = byDay.map((m) => codes.find(([, code]) => code === m[2])?.[0] as DayOfWeek).filter(Boolean);
  const ordinal = byDay[0]?.[1] ? Number(byDay[0][1]) : undefined;
  const index =
    (Object.entries(INDEX_NUMBER).find(([, n]) => n === ordinal)?.[0] as WeekIndex | undefined) ?? undefined;
  const dayOfMonth = parts['BYMONTHDAY'] ? Number(parts['BYMONTHDAY']) : undefined;
  const month = parts['BYMONTH'] ? Number(parts['BYMONTH']) : undefined;
  const wkst = codes.find(([, code]) => code === parts['WKST'])?.[0] as DayOfWeek | undefined;
  let pattern: RecurrencePattern;
  switch (parts['FREQ']) {
    case 'DAILY':
      pattern = { type: 'daily', interval };
      break;
    case 'WEEKLY':
      pattern = {
        type: 'weekly',
        interval,
        daysOfWeek: days.length ? days : [DAYS_OF_WEEK[new Date(startIso).getUTCDay()] ?? 'monday'],
      };
      break;
    case 'MONTHLY':
      pattern = index
        ? { type: 'relativeMonthly', interval, daysOfWeek: days, index }
        : { type: 'absoluteMonthly', interval, dayOfMonth: dayOfMonth ?? new Date(startIso).getUTCDate() };
      break;
    case 'YEARLY':
      pattern = index
        ? { type: 'relativeYearly', interval, daysOfWeek: days, index, month: month ?? 1 }
        : {
            type: 'absoluteYearly',
            interval,
            dayOfMonth: dayOfMonth ?? new Date(startIso).getUTCDate(),
            month: month ?? new Date(startIso).getUTCMonth() + 1,
          };
      break;
    default:
      return undefined;
  }
  if (wkst) pattern.firstDayOfWeek = wkst;
  const startDate = startIso.slice(0, 10);
  const until = parts['UNTIL'];
  const range: Recurrence['range'] = parts['COUNT']
    ? { type: 'numbered', startDate, numberOfOccurrences: Number(parts['COUNT']) }
    : until
      ? {
          type: 'endDate',
          startDate,
          endDate: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`,
        }
      : { type: 'noEnd', startDate };
  return { pattern, range };
}

function parsePerson(line: ContentLine): EmailAddress {
  const address = line.value.replace(/^mailto:/i, '');
  return { name: line.params['CN'] ?? address, address };
}

export interface ParsedEvent {
  calendar: CalendarFields;
  summary?: string;
  description?: string;
  sensitivity?: Sensitivity;
}

/** Parses the first VEVENT; undefined when there is none or it lacks a start. */
export function parseICalendar(text: string): ParsedEvent | undefined {
  const lines = contentLines(text);
  const begin = lines.findIndex((l) => l.name === 'BEGIN' && l.value.trim().toUpperCase() === 'VEVENT');
  if (begin < 0) return undefined;
  const event: ContentLine[] = [];
  for (const line of lines.slice(begin + 1)) {
    if (line.name === 'END' && line.value.trim().toUpperCase() === 'VEVENT') break;
    event.push(line);
  }
  const get = (name: string): ContentLine | undefined => event.find((l) => l.name === name);
  const startLine = get('DTSTART');
  const start = startLine ? parseStamp(startLine) : undefined;
  if (!start) return undefined;
  const endLine = get('DTEND');
  const end =
    (endLine ? parseStamp(endLine) : undefined)?.iso ??
    new Date(Date.parse(start.iso) + (start.dateOnly ? 86_400_000 : 1_800_000))
      .toISOString()
      .replace('.000Z', 'Z');
  const rule = get('RRULE');
  const recurrence = rule ? parseRrule(rule.value, start.iso) : undefined;
  const organizerLine = get('ORGANIZER');
  const attendees = event.filter((l) => l.name === 'ATTENDEE');
  const klass = get('CLASS')?.value.trim().toUpperCase();
  const busy = get('X-MICROSOFT-CDO-BUSYSTATUS')?.value.trim().toUpperCase();
  const showAs: CalendarFields['showAs'] =
    busy === 'FREE'
      ? 'Free'
      : busy === 'TENTATIVE'
        ? 'Tentative'
        : busy === 'OOF'
          ? 'OOF'
          : get('TRANSP')?.value.trim().toUpperCase() === 'TRANSPARENT'
            ? 'Free'
            : 'Busy';
  const summary = get('SUMMARY');
  const description = get('DESCRIPTION');
  return {
    calendar: {
      uid: get('UID')?.value.trim() ?? '',
      start: start.iso,
      end,
      isAllDay: start.dateOnly,
      location: unescapeText(get('LOCATION')?.value ?? ''),
      organizer: organizerLine ? parsePerson(organizerLine) : { name: '', address: '' },
      requiredAttendees: attendees.filter((a) => a.params['ROLE'] !== 'OPT-PARTICIPANT').map(parsePerson),
      optionalAttendees: attendees.filter((a) => a.params['ROLE'] === 'OPT-PARTICIPANT').map(parsePerson),
      showAs,
      ...(recurrence ? { recurrence } : {}),
    },
    ...(summary ? { summary: unescapeText(summary.value) } : {}),
    ...(description ? { description: unescapeText(description.value) } : {}),
    ...(klass === 'PRIVATE'
      ? { sensitivity: 'Private' as const }
      : klass === 'CONFIDENTIAL'
        ? { sensitivity: 'Confidential' as const }
        : {}),
  };
}
