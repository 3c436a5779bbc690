import { describe, expect, it } from 'vitest';
import {
  describeSiteEvent,
  readSiteEvent,
  siteEventSchema,
  type SiteEvent,
  type SiteEventType,
} from '../../../engine/index.ts';

const nightly = { taskId: 't1', taskName: 'Nightly' };

/** One example of every event type, with the summary an admin reads for it. */
const examples: Record<SiteEventType, [SiteEvent, string]> = {
  'site-started': [
    { type: 'site-started', version: '0.2.0', host: 'lon-host', pid: 7 },
    'Site started: version 0.2.0 on lon-host (pid 7)',
  ],
  'site-stopped': [{ type: 'site-stopped', reason: 'SIGTERM' }, 'Site stopped: SIGTERM'],
  'config-applied': [
    {
      type: 'config-applied',
      configVersion: 12,
      added: [nightly],
      changed: [],
      removed: [{ taskId: 't2', taskName: 'Old' }],
    },
    'Config version 12 applied: added "Nightly"; removed "Old"',
  ],
  'run-started': [
    { type: 'run-started', ...nightly, runId: 'r1', trigger: 'schedule' },
    'Run of "Nightly" started (on schedule), run r1',
  ],
  'run-finished': [
    {
      type: 'run-finished',
      ...nightly,
      runId: 'r1',
      outcome: 'failed',
      counts: { total: 10, done: 0, failed: 10, skipped: 0, waiting: 0 },
      reason: 'Exchange refused the credentials',
      durationMs: 185_000,
    },
    'Run of "Nightly" failed in 3 min: 0/10 done, 10 failed, 0 skipped — Exchange refused the credentials',
  ],
  'mailbox-failed': [
    {
      type: 'mailbox-failed',
      ...nightly,
      runId: 'r1',
      mailbox: 'ann@contoso.com',
      code: 'access-denied',
      reason: 'The service account may not impersonate ann@contoso.com',
    },
    '"Nightly": ann@contoso.com failed (access-denied): The service account may not impersonate ann@contoso.com',
  ],
  'firing-skipped': [
    { type: 'firing-skipped', ...nightly, why: 'the previous run is still running' },
    '"Nightly": scheduled firing skipped: the previous run is still running',
  ],
  alert: [
    { type: 'alert', level: 'error', message: 'Store unreachable for 5 min', taskId: 't1' },
    'ERROR: Store unreachable for 5 min',
  ],
  log: [{ type: 'log', level: 'warn', message: 'Config poll slow' }, '[warn] Config poll slow'],
};

describe('site events', () => {
  it.each(Object.entries(examples))('%s: valid, read back as written, summarised', (_type, [event, text]) => {
    expect(siteEventSchema.parse(event)).toEqual(event);
    const stored = { seq: 9, at: '2026-11-29T10:00:00.000Z', site: 'lon-01', ...event };
    const read = readSiteEvent(9, stored);
    expect(read).toEqual(stored);
    expect(describeSiteEvent(read)).toBe(text);
  });

  it('refuses an event that breaks its schema when appended', () => {
    expect(
      siteEventSchema.safeParse({ type: 'run-started', ...nightly, runId: 'r', trigger: 'cron' }).success,
    ).toBe(false);
    expect(siteEventSchema.safeParse({ type: 'alert', level: 'info', message: 'x' }).success).toBe(false);
    expect(siteEventSchema.safeParse({ type: 'nothing' }).success).toBe(false);
  });

  it('reads anything stored without throwing, taking the seq from the key', () => {
    expect(readSiteEvent(3, null)).toEqual({
      seq: 3,
      at: '',
      site: '',
      type: 'unrecognised',
      originalType: '(none)',
      data: null,
    });
    const future = { seq: 99, at: '2027-01-01T00:00:00.000Z', site: 'lon-01', type: 'quota-warning' };
    const read = readSiteEvent(4, future);
    expect(read).toMatchObject({ seq: 4, type: 'unrecognised', originalType: 'quota-warning', data: future });
    expect(describeSiteEvent(read)).toBe('(an event of type "quota-warning" from a newer version of exsync)');
  });
});
