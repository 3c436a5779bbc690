import type { RecordKind } from '../domain/records.ts';

/**
 * Every key exsync writes, in one place, with its single writer:
 * - `<kind>:<id>`            config records — control plane (bot, CLI), version-checked
 * - `name:<kind>:<name>`     unique-name claims — control plane, create-if-absent
 * - `audit:<time>:<id>`      audit entries — control plane, append-only (unique keys)
 * - `config-version`         change counter sites poll — control plane, compare-and-swap
 * - `runtime:<site>:...`     a site's status, runs, checkpoints, locks (leases), heartbeat, process lease
 *                            (`runtime:<site>:lease`), group catalog
 *                            (`runtime:<site>:group-catalog:manifest` naming the live generation, whose
 *                            keys are `runtime:<site>:group-catalog:g<gen>:group:<hash>` and
 *                            `...:g<gen>:term:<term>\u0001<hash>`) and membership cache
 *                            (`runtime:<site>:membership:<hash>`, see adapters/directory/directory-keys.ts)
 *                            — that site only
 * - `runtime:<site>:event:<seq>` the site's event feed (seq zero-padded to 12 digits, so key order is seq
 *                            order) — append-only, single writer = that site; pruned by that site
 * - `command:<site>:...`     run-now / cancel requests — appended by the control plane, deleted by the site
 * - `platform:<task>:...`    submissions to the embedded platform — the site, create-if-absent (exactly once)
 */
export const recordKey = (kind: RecordKind, id: string) => `${kind}:${id}`;
export const recordPrefix = (kind: RecordKind) => `${kind}:`;
export const nameKey = (kind: RecordKind, name: string) => `name:${kind}:${normaliseName(name)}`;
export const AUDIT_PREFIX = 'audit:';
export const auditKey = (at: string, id: string) => `${AUDIT_PREFIX}${at}:${id}`;
export const CONFIG_VERSION_KEY = 'config-version';
export const taskStatusKey = (site: string, taskId: string) => `runtime:${site}:task-status:${taskId}`;
export const siteInfoKey = (site: string) => `runtime:${site}:info`;
/** The lease of the process that runs a site (one process per site code). */
export const siteLeaseKey = (site: string) => `runtime:${site}:lease`;
export const runPrefix = (site: string, taskId?: string) =>
  `runtime:${site}:run:${taskId ? `${taskId}:` : ''}`;
export const runKey = (site: string, taskId: string, runId: string) => `${runPrefix(site, taskId)}${runId}`;
export const checkpointKey = (site: string, taskId: string, mailbox: string) =>
  `runtime:${site}:checkpoint:${taskId}:${mailbox}`;
export const lockPrefix = (site: string) => `runtime:${site}:lock:`;
export const lockKey = (site: string, mailbox: string) => `${lockPrefix(site)}${mailbox}`;
export const commandPrefix = (site: string) => `command:${site}:`;
export const commandKey = (site: string, at: string, id: string) => `${commandPrefix(site)}${at}:${id}`;
export const submissionPrefix = (taskId: string, mailbox?: string) =>
  `platform:${taskId}:${mailbox ? `${mailbox}:` : ''}`;
/** Zero-padded so submissions list in order. */
export const submissionKey = (taskId: string, mailbox: string, sequence: number) =>
  `${submissionPrefix(taskId, mailbox)}${String(sequence).padStart(10, '0')}`;

export const SITE_EVENT_SEQ_DIGITS = 12;
export const siteEventPrefix = (site: string) => `runtime:${site}:event:`;
/** Zero-padded so a site's events list in seq order, and range queries `after` a seq hit the key index. */
export const siteEventKey = (site: string, seq: number) =>
  `${siteEventPrefix(site)}${String(seq).padStart(SITE_EVENT_SEQ_DIGITS, '0')}`;

/** Names are unique regardless of case and Unicode composition ("Nightly" and "nightly" are one name). */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}
