import type { ItemView } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { errors } from '../http/graph-response.ts';
import type { FilterNode } from '../odata/filter-parse.ts';
import { lambdaIds } from '../odata/filter-parse.ts';
import { matchesFilter } from '../odata/filter-eval.ts';
import type { QueryOptions } from '../odata/query-options.ts';
import { applySelect, unknownSelected } from '../odata/select.ts';
import { attachmentJson } from '../serialize/attachment-json.ts';
import { expandSingleValues, filterSingleValues } from '../serialize/extended-properties.ts';
import { eventJson } from '../serialize/event-json.ts';
import { MESSAGE_PROPERTIES, messageJson } from '../serialize/message-json.ts';

export function ownerOf(services: GraphServices, item: ItemView): string | undefined {
  return services.model.mailbox(item.mailboxId)?.primarySmtp;
}

/** Serialises an item for a response: message or event JSON, `$expand`, then `$select`. */
export function renderItem(
  services: GraphServices,
  item: ItemView,
  options: QueryOptions,
): Record<string, unknown> {
  const base =
    item.kind === 'calendar'
      ? eventJson(item, options.immutableIds, ownerOf(services, item))
      : messageJson(item, options.immutableIds);
  if (item.kind === 'message') {
    const unknown = unknownSelected(options.select, MESSAGE_PROPERTIES);
    if (unknown) {
      throw errors.badRequest(
        `Could not find a property named '${unknown}' on type 'microsoft.graph.message'.`,
        'RequestBroker--ParseUri',
      );
    }
  }
  const expanded: string[] = [];
  for (const expand of options.expand) {
    const name = expand.name.toLowerCase();
    if (name === 'singlevalueextendedproperties') {
      const record = services.model.itemRecord(item.id);
      base['singleValueExtendedProperties'] = record ? expandSingleValues(record, expand) : [];
    } else if (name === 'attachments') {
      base['attachments'] = item.attachments.map((a) =>
        attachmentJson(a, services.model.attachment(a.id)?.content),
      );
    } else {
      throw errors.badRequest(
        `Parsing OData Select and Expand failed: Could not find a property named '${expand.name}'.`,
      );
    }
    expanded.push(expand.name);
  }
  return applySelect(base, options.select ? [...options.select, ...expanded] : undefined);
}

/**
 * `$filter` on messages: evaluated on the message JSON; extended properties that a lambda names are
 * read from the item first (`singleValueExtendedProperties/any(ep: ep/id eq 'Integer 0x36' and ep/value eq '2')`).
 */
export function itemMatches(
  services: GraphServices,
  item: ItemView,
  filter: FilterNode | undefined,
  immutableIds: boolean,
): boolean {
  if (!filter) return true;
  const entity: Record<string, unknown> =
    item.kind === 'calendar'
      ? eventJson(item, immutableIds, ownerOf(services, item))
      : messageJson(item, immutableIds);
  const ids = lambdaIds(filter);
  if (ids.length > 0) {
    const record = services.model.itemRecord(item.id);
    entity['singleValueExtendedProperties'] = record ? filterSingleValues(record, ids) : [];
  }
  return matchesFilter(filter, entity);
}
