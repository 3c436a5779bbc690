import type { RecordKind } from '../domain/records.ts';

/**
 * Every key exsync writes, in one place, with its single writer:
 * - `<kind>:<id>`            config records — control plane (bot, CLI), version-checked
 * - `name:<kind>:<name>`     unique-name claims — control plane, create-if-absent
 * - `audit:<time>:<id>`      audit entries — control plane, append-only (unique keys)
 * - `config-version`         change counter sites poll — control plane, compare-and-swap
 * - `runtime:<site>:...`     a site's status, runs, heartbeats — that site only
 */
export const recordKey = (kind: RecordKind, id: string) => `${kind}:${id}`;
export const recordPrefix = (kind: RecordKind) => `${kind}:`;
export const nameKey = (kind: RecordKind, name: string) => `name:${kind}:${normaliseName(name)}`;
export const AUDIT_PREFIX = 'audit:';
export const auditKey = (at: string, id: string) => `${AUDIT_PREFIX}${at}:${id}`;
export const CONFIG_VERSION_KEY = 'config-version';
export const taskStatusKey = (site: string, taskId: string) => `runtime:${site}:task-status:${taskId}`;

/** Names are unique regardless of case and Unicode composition ("Nightly" and "nightly" are one name). */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}
