import {
  TASK_TYPE_LABELS,
  describeRecurrence,
  describeTarget,
  type DefinitionRecord,
  type RecordMeta,
  type ScheduleRecord,
  type SiteView,
  type TaskView,
} from '../../engine/index.ts';
import { formatTable } from './table.ts';

/** Human forms of each record kind: a table row for `list`, labelled lines for `show`. */
export interface RecordFormat<R> {
  headers: string[];
  row(record: R): string[];
  details(record: R): [string, string][];
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

function audit(r: RecordMeta): [string, string][] {
  return [
    ['Id', r.id],
    ['Version', String(r.version)],
    ['Created', `${when(r.createdAt)} by ${r.createdBy}`],
    ['Last modified', `${when(r.modifiedAt)} by ${r.modifiedBy}`],
  ];
}

/** `(not responding)` for a site whose heartbeat is overdue (killed, host down), else what it reported. */
const lastActive = (s: SiteView) =>
  s.runtime ? `${when(s.runtime.lastActive)} (${s.health ?? s.runtime.state})` : 'never';

export const siteFormat: RecordFormat<SiteView> = {
  headers: ['CODE', 'ENABLED', 'LAST ACTIVE', 'ENGINE', 'HOST', 'DESCRIPTION'],
  row: (s) => [
    s.code,
    yesNo(s.enabled),
    lastActive(s),
    s.runtime?.version ?? '-',
    s.runtime?.hostname ?? '-',
    s.description,
  ],
  details: (s) => [
    ['Code', s.code],
    ['Description', s.description],
    ['Enabled', yesNo(s.enabled)],
    ['Last active', lastActive(s)],
    ['Engine version', s.runtime?.version ?? '-'],
    ['Host', s.runtime ? `${s.runtime.hostname}, ${s.runtime.os}, pid ${s.runtime.pid}` : '-'],
    ...audit(s),
  ],
};

export const scheduleFormat: RecordFormat<ScheduleRecord> = {
  headers: ['NAME', 'TYPE', 'WHEN', 'TIME ZONE', 'VERSION'],
  row: (s) => [s.name, s.recurrence.type, describeRecurrence(s.recurrence), s.timeZone, String(s.version)],
  details: (s) => [
    ['Name', s.name],
    ['Description', s.description],
    ['Type', s.recurrence.type],
    ['When', `${describeRecurrence(s.recurrence)} (${s.timeZone})`],
    ['Recurrence', JSON.stringify(s.recurrence)],
    ...audit(s),
  ],
};

export const definitionFormat: RecordFormat<DefinitionRecord> = {
  headers: ['NAME', 'TYPE', 'VERSION', 'DESCRIPTION'],
  row: (d) => [d.name, d.type, String(d.version), d.description],
  details: (d) => [
    ['Name', d.name],
    ['Description', d.description],
    ['Type', `${d.type} (${TASK_TYPE_LABELS[d.type]})`],
    ['Settings', JSON.stringify(d.settings)],
    ...audit(d),
  ],
};

export const taskFormat: RecordFormat<TaskView> = {
  headers: ['NAME', 'SITE', 'TYPE', 'SCHEDULE', 'DEFINITION', 'ENABLED', 'VERSION', 'TARGET'],
  row: (t) => [
    t.name,
    t.site,
    t.type,
    t.scheduleName,
    t.definitionName,
    yesNo(t.enabled),
    String(t.version),
    describeTarget(t.target),
  ],
  details: (t) => [
    ['Name', t.name],
    ['Description', t.description],
    ['Site', t.site],
    ['Type', `${t.type} (${TASK_TYPE_LABELS[t.type]})`],
    ['Schedule', `${t.scheduleName} (${t.scheduleId})`],
    ['Definition', `${t.definitionName} (${t.definitionId})`],
    ['Target', describeTarget(t.target)],
    ['Enabled', yesNo(t.enabled)],
    ...audit(t),
  ],
};

export function formatList<R>(format: RecordFormat<R>, records: readonly R[]): string {
  return formatTable(
    format.headers,
    records.map((r) => format.row(r)),
  );
}

export function formatDetails<R>(format: RecordFormat<R>, record: R): string {
  const pairs = format.details(record);
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v}`).join('\n');
}
