import type { SortableType } from '../odata/order-by.ts';
import { MESSAGE_PROPERTIES } from '../serialize/message-json.ts';

/** Exchange's enumeration values (Importance, Sensitivity, FlagStatus, ShowAs as in MAPI/EWS). */
const ENUM_RANKS = {
  importance: { low: 0, normal: 1, high: 2 },
  sensitivity: { normal: 0, personal: 1, private: 2, confidential: 3 },
  'flag/flagstatus': { notflagged: 0, complete: 1, flagged: 2 },
  showas: { free: 0, tentative: 1, busy: 2, oof: 3, workingelsewhere: 4, unknown: -1 },
};

/**
 * What `$orderby` can sort on in message and event lists. Outlook sorts on scalar properties of the item
 * (dates, subject, importance, flags, sender), not on bodies or recipient collections
 * (https://learn.microsoft.com/graph/api/user-list-messages#optional-query-parameters,
 * https://learn.microsoft.com/graph/api/user-list-events#optional-query-parameters).
 */
export const MESSAGE_SORT: SortableType = {
  typeName: 'Microsoft.OutlookServices.Message',
  properties: MESSAGE_PROPERTIES,
  sortable: new Set([
    'receiveddatetime',
    'sentdatetime',
    'createddatetime',
    'lastmodifieddatetime',
    'subject',
    'importance',
    'isread',
    'isdraft',
    'hasattachments',
    'from/emailaddress/name',
    'from/emailaddress/address',
    'sender/emailaddress/name',
    'sender/emailaddress/address',
    'flag/flagstatus',
    'inferenceclassification',
  ]),
  ranks: ENUM_RANKS,
};

const EVENT_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'iCalUId',
  'reminderMinutesBeforeStart',
  'isReminderOn',
  'hasAttachments',
  'subject',
  'bodyPreview',
  'importance',
  'sensitivity',
  'isAllDay',
  'isCancelled',
  'isOrganizer',
  'responseRequested',
  'seriesMasterId',
  'showAs',
  'type',
  'webLink',
  'isDraft',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'recurrence',
  'attendees',
  'organizer',
  'attachments',
  'singleValueExtendedProperties',
  'multiValueExtendedProperties',
];

export const EVENT_SORT: SortableType = {
  typeName: 'Microsoft.OutlookServices.Event',
  properties: EVENT_PROPERTIES,
  sortable: new Set([
    'start/datetime',
    'end/datetime',
    'createddatetime',
    'lastmodifieddatetime',
    'subject',
    'importance',
    'sensitivity',
    'isallday',
    'showas',
    'type',
    'organizer/emailaddress/name',
    'organizer/emailaddress/address',
  ]),
  ranks: ENUM_RANKS,
};
