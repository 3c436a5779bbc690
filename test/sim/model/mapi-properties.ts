import type { ExtendedProperty, ExtendedPropertyName, MapiType } from './extended-property.ts';
import { extendedPropertyKey, makeExtendedProperty } from './extended-property.ts';
import { mimeLength } from './mime/render-mime.ts';
import type { FlagStatus, Importance, ItemRecord, Sensitivity } from './item-record.ts';
import { IMPORTANCES, SENSITIVITIES } from './item-record.ts';

/**
 * MAPI property tags that are really first-class item fields. Reading such a tag through an extended
 * property request returns the field; writing it changes the field. This is what lets an importer set
 * PR_MESSAGE_FLAGS (0x0E07) and PR_MESSAGE_DELIVERY_TIME (0x0E06) on a message created from MIME, the
 * documented way to make an imported item look received rather than a draft.
 */

interface MappedTag {
  type: MapiType;
  get(record: ItemRecord): string | undefined;
  set?(record: ItemRecord, value: string): ItemRecord;
}

const MSGFLAG_READ = 0x1;
const MSGFLAG_UNSENT = 0x8;
const MSGFLAG_HASATTACH = 0x10;

const FLAG_STATUS_VALUES: Record<FlagStatus, number> = { NotFlagged: 0, Complete: 1, Flagged: 2 };

function isoValue(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a SystemTime value: ${value}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function intValue(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new RangeError(`not an Integer value: ${value}`);
  return n;
}

const MAPPED: ReadonlyMap<number, MappedTag> = new Map<number, MappedTag>([
  [
    0x001a, // PR_MESSAGE_CLASS
    { type: 'String', get: (r) => r.itemClass, set: (r, v) => ({ ...r, itemClass: v }) },
  ],
  [0x0037, { type: 'String', get: (r) => r.subject, set: (r, v) => ({ ...r, subject: v }) }], // PR_SUBJECT
  [
    0x0036, // PR_SENSITIVITY
    {
      type: 'Integer',
      get: (r) => String(SENSITIVITIES.indexOf(r.sensitivity)),
      set: (r, v) => ({
        ...r,
        sensitivity: SENSITIVITIES[intValue(v)] ?? (r.sensitivity satisfies Sensitivity),
      }),
    },
  ],
  [
    0x0017, // PR_IMPORTANCE
    {
      type: 'Integer',
      get: (r) => String(IMPORTANCES.indexOf(r.importance)),
      set: (r, v) => ({ ...r, importance: IMPORTANCES[intValue(v)] ?? (r.importance satisfies Importance) }),
    },
  ],
  [
    0x0e07, // PR_MESSAGE_FLAGS
    {
      type: 'Integer',
      get: (r) =>
        String(
          (r.isRead ? MSGFLAG_READ : 0) |
            (r.isDraft ? MSGFLAG_UNSENT : 0) |
            (r.attachments.length ? MSGFLAG_HASATTACH : 0),
        ),
      set: (r, v) => {
        const flags = intValue(v);
        return { ...r, isRead: (flags & MSGFLAG_READ) !== 0, isDraft: (flags & MSGFLAG_UNSENT) !== 0 };
      },
    },
  ],
  [
    0x0e06,
    { type: 'SystemTime', get: (r) => r.receivedAt, set: (r, v) => ({ ...r, receivedAt: isoValue(v) }) },
  ], // PR_MESSAGE_DELIVERY_TIME
  [0x0039, { type: 'SystemTime', get: (r) => r.sentAt, set: (r, v) => ({ ...r, sentAt: isoValue(v) }) }], // PR_CLIENT_SUBMIT_TIME
  [0x3007, { type: 'SystemTime', get: (r) => r.createdAt }], // PR_CREATION_TIME
  [0x3008, { type: 'SystemTime', get: (r) => r.lastModifiedAt }], // PR_LAST_MODIFICATION_TIME
  [0x0e08, { type: 'Integer', get: (r) => String(mimeLength(r)) }], // PR_MESSAGE_SIZE
  [
    0x1090, // PR_FLAG_STATUS
    {
      type: 'Integer',
      get: (r) => String(FLAG_STATUS_VALUES[r.flag.status]),
      set: (r, v) => {
        const n = intValue(v);
        const status = (Object.entries(FLAG_STATUS_VALUES).find(([, value]) => value === n)?.[0] ??
          'NotFlagged') as FlagStatus;
        return { ...r, flag: status === 'NotFlagged' ? { status } : { ...r.flag, status } };
      },
    },
  ],
  [
    0x1035,
    { type: 'String', get: (r) => r.internetMessageId, set: (r, v) => ({ ...r, internetMessageId: v }) },
  ], // PR_INTERNET_MESSAGE_ID
]);

function tagOf(name: ExtendedPropertyName): number | undefined {
  return 'tag' in name ? name.tag & 0xffff : undefined;
}

/** True when the property is a first-class field in disguise. */
export function isMappedProperty(name: ExtendedPropertyName): boolean {
  const tag = tagOf(name);
  return tag !== undefined && MAPPED.has(tag);
}

/** Whether writing the property is allowed (computed ones such as PR_MESSAGE_SIZE are read-only). */
export function isWritableProperty(name: ExtendedPropertyName): boolean {
  const tag = tagOf(name);
  return tag === undefined || MAPPED.get(tag)?.set !== undefined || !MAPPED.has(tag);
}

/** Reads an extended property of an item, including mapped first-class fields. */
export function readItemProperty(
  record: ItemRecord,
  name: ExtendedPropertyName,
): ExtendedProperty | undefined {
  const tag = tagOf(name);
  const mapped = tag !== undefined ? MAPPED.get(tag) : undefined;
  if (mapped) {
    const value = mapped.get(record);
    return value === undefined ? undefined : makeExtendedProperty(name, mapped.type, value);
  }
  const key = extendedPropertyKey(name);
  return record.extendedProperties.find((p) => p.key === key);
}

/** Writes an extended property of an item; mapped tags change the field instead of being stored. */
export function writeItemProperty(record: ItemRecord, property: ExtendedProperty): ItemRecord {
  const tag = tagOf(property.name);
  const mapped = tag !== undefined ? MAPPED.get(tag) : undefined;
  if (mapped) {
    if (!mapped.set) throw new RangeError(`property ${property.key} is read-only`);
    return mapped.set(record, Array.isArray(property.value) ? (property.value[0] ?? '') : property.value);
  }
  return {
    ...record,
    extendedProperties: [...record.extendedProperties.filter((p) => p.key !== property.key), property],
  };
}
