import type { CalendarFields } from '../../model/calendar.ts';
import type { ItemView } from '../../model/views.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { ewsDateTime, parseEwsDateTime } from '../protocol/ews-time.ts';
import { child } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { readAttendees, readMailbox, readMailboxList, writeMailbox } from './mailbox-xml.ts';
import type { Comparable, EwsItemPatch, ItemPropertyDef, ValueType, WriteContext } from './property-types.ts';

/** Building blocks for the item property tables (item-type, message and calendar properties). */

export const T = (name: string): string => `t:${name}`;

export function bool(text: string): boolean {
  if (!/^(true|false|1|0)$/i.test(text.trim())) throw new EwsError('ErrorInvalidValueForProperty');
  return /^(true|1)$/i.test(text.trim());
}

export function dateValue(text: string): string {
  const value = parseEwsDateTime(text);
  if (!value) throw new EwsError('ErrorInvalidValueForProperty');
  return value;
}

export function enumValue<T extends string>(values: readonly T[], text: string): T {
  const found = values.find((v) => v === text.trim());
  if (!found) throw new EwsError('ErrorInvalidValueForProperty');
  return found;
}

export function simple(
  uri: string,
  scope: ItemPropertyDef['scope'],
  valueType: ValueType,
  get: (item: ItemView, w: WriteContext) => Comparable | undefined,
  options: Partial<ItemPropertyDef> & { canFind?: boolean } = {},
): ItemPropertyDef {
  const element = uri.slice(uri.indexOf(':') + 1);
  return {
    uri,
    element,
    scope,
    canFind: options.canFind ?? true,
    valueType,
    value: get,
    write: (item, w) => {
      const v = get(item, w);
      if (v === undefined) return '';
      return textEl(T(element), valueType === 'dateTime' ? ewsDateTime(String(v)) : v);
    },
    ...options,
  };
}

export const displayNames = (list: readonly { name: string }[]): string => list.map((a) => a.name).join('; ');

export function mailboxElement(
  uri: string,
  scope: ItemPropertyDef['scope'],
  get: (i: ItemView) => ItemView['from'],
  set: (a: ItemView['from']) => EwsItemPatch,
  inDefault?: ItemPropertyDef['inDefault'],
): ItemPropertyDef {
  const element = uri.slice(uri.indexOf(':') + 1);
  return {
    uri,
    element,
    scope,
    structured: true,
    canFind: true,
    ...(inDefault ? { inDefault } : {}),
    valueType: 'string',
    value: (i) => get(i)?.address,
    write: (i, w) => {
      const a = get(i);
      return a ? el(T(element), undefined, writeMailbox(w.model, a)) : '';
    },
    read: (e) => {
      const address = readMailbox(child(e, 'Mailbox'));
      if (!address) throw new EwsError('ErrorInvalidRecipients');
      return set(address);
    },
  };
}

export function recipients(uri: string, key: 'to' | 'cc' | 'bcc'): ItemPropertyDef {
  const element = uri.slice(uri.indexOf(':') + 1);
  return {
    uri,
    element,
    scope: 'message',
    structured: true,
    canFind: false,
    inDefault: ['message'],
    write: (i, w) =>
      i[key].length ? el(T(element), undefined, i[key].map((a) => writeMailbox(w.model, a)).join('')) : '',
    read: (e) => ({ [key]: readMailboxList(e) }),
    clear: { [key]: [] },
  };
}

export function attendees(uri: string, key: 'requiredAttendees' | 'optionalAttendees'): ItemPropertyDef {
  const element = uri.slice(uri.indexOf(':') + 1);
  return {
    uri,
    element,
    scope: 'calendar',
    structured: true,
    canFind: false,
    write: (i, w) => {
      const list = i.calendar?.[key] ?? [];
      if (!list.length) return '';
      const inner = list
        .map((a) =>
          el('t:Attendee', undefined, writeMailbox(w.model, a) + textEl('t:ResponseType', 'Unknown')),
        )
        .join('');
      return el(T(element), undefined, inner);
    },
    read: (e) => ({ calendarPatch: { [key]: readAttendees(e) } }),
  };
}

/** Calendar fields are patched piecewise; read-item.ts merges them into the item's calendar data. */
export function calendarPatch(patch: Partial<CalendarFields>): EwsItemPatch {
  return { calendarPatch: patch };
}

export function durationText(startIso: string, endIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  return `P${days ? `${days}D` : ''}T${hours}H${mins}M0S`;
}
