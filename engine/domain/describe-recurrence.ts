import type { Recurrence } from './schedule.ts';

const DAY_NAMES = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
} as const;

/** A schedule in the words an admin would use: "Daily at 01:00", "Every 30 min 08:00–18:00". */
export function describeRecurrence(r: Recurrence): string {
  switch (r.type) {
    case 'one-off':
      return `Once on ${r.at.replace('T', ' ')}`;
    case 'daily-once':
      return `Daily at ${r.start}`;
    case 'daily-many':
      return `Daily every ${r.intervalMinutes} min ${r.start}–${r.end}`;
    case 'weekly': {
      const days = r.days.length === 7 ? 'Every day' : r.days.map((d) => DAY_NAMES[d]).join(', ');
      const times =
        r.daily.type === 'daily-once'
          ? `at ${r.daily.start}`
          : `every ${r.daily.intervalMinutes} min ${r.daily.start}–${r.daily.end}`;
      return `${days} ${times}`;
    }
  }
}
