import type { CalendarFields } from '../../model/calendar.ts';
import type { ItemKind } from '../../model/item-record.ts';
import type { MailboxModel } from '../../model/model.ts';
import type { ItemPatch } from '../../model/record-edits.ts';
import type { FolderView, ItemView } from '../../model/views.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import type { RequestedBodyType } from './body-conversion.ts';

/** A model patch plus calendar fields to merge into the item's current calendar data. */
export interface EwsItemPatch extends ItemPatch {
  calendarPatch?: Partial<CalendarFields>;
}

/**
 * How values compare in restrictions and sort orders. Enumerations compare by position in `enum`;
 * `byNumber` lists the names by their numeric value where that order differs, because constants may
 * arrive as numbers: Exchange parses them with .NET Enum.Parse, which accepts numeric text, and
 * ews-javascript-api sends enum constants that way.
 */
export type ValueType =
  'string' | 'dateTime' | 'int' | 'boolean' | { enum: readonly string[]; byNumber?: readonly string[] };

export type Comparable = string | number | boolean;

export interface WriteContext {
  model: MailboxModel;
  bodyType: RequestedBodyType;
  /** Primary SMTP address of the mailbox the item belongs to. */
  owner: string;
}

/** One first-class item property (a FieldURI), in the order the schema lists it. */
export interface ItemPropertyDef {
  uri: string;
  element: string;
  scope: 'item' | 'message' | 'calendar';
  /** Returned by FindItem and SyncFolderItems (Body, Attachments, recipients and MIME are not). */
  canFind: boolean;
  /** Item kinds whose BaseShape Default includes the property. */
  inDefault?: readonly ItemKind[];
  /** Part of BaseShape AllProperties. @default true */
  inAll?: boolean;
  valueType?: ValueType;
  value?: (item: ItemView, w: WriteContext) => Comparable | undefined;
  write: (item: ItemView, w: WriteContext) => string;
  /** The element has child elements (mailboxes, strings, …) rather than text content. */
  structured?: boolean;
  /** Reads the property element (the child of t:Message / t:CalendarItem) into a patch; absent = read-only. */
  read?: (element: XmlElement) => EwsItemPatch;
  /** DeleteItemField; absent = cannot be deleted. */
  clear?: EwsItemPatch;
}

export interface FolderPropertyDef {
  uri: string;
  element: string;
  inDefault: boolean;
  valueType?: ValueType;
  value?: (folder: FolderView) => Comparable | undefined;
  write: (folder: FolderView, model: MailboxModel) => string;
}
