import type { SiteRuntimeInfo } from '../domain/site-runtime-info.ts';

/**
 * Whether a site is alive, as far as the store can tell: `stopped` when it said so on its way out,
 * `not responding` when its heartbeat is overdue (killed with -9, host down, cut off from the store),
 * else `running`.
 */
export type SiteHealth = 'running' | 'stopped' | 'not responding';

/** What a site that does not report its interval uses (the site config's default). */
export const DEFAULT_HEARTBEAT_SECONDS = 15;
/** Heartbeats a site may miss (a busy store, a slow write) before it counts as not responding. */
const MISSED_HEARTBEATS = 3;
/** Allowance for the clocks of two hosts not agreeing exactly. */
const CLOCK_SLACK_SECONDS = 5;

/** How long after its last heartbeat a site still counts as running. */
export function heartbeatDeadlineMs(info: SiteRuntimeInfo): number {
  const interval = info.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS;
  return (MISSED_HEARTBEATS * interval + CLOCK_SLACK_SECONDS) * 1000;
}

export function siteHealth(info: SiteRuntimeInfo, now: Date): SiteHealth {
  if (info.state === 'stopped') return 'stopped';
  const silentFor = now.getTime() - Date.parse(info.lastActive);
  // An unreadable timestamp is no proof of life.
  return silentFor <= heartbeatDeadlineMs(info) ? 'running' : 'not responding';
}
