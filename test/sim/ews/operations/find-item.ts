import type { ItemView } from '../../model/views.ts';
import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolder } from '../protocol/ids.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { itemFields, parseShape } from '../properties/shape.ts';
import { writeItem } from '../properties/write-item.ts';
import { itemPathCompiler } from '../search/property-path.ts';
import { compileRestriction, restrictionSize, sortComparator } from '../search/restriction.ts';
import { child } from '../xml/xml-tree.ts';
import { el } from '../xml/xml-writer.ts';
import { enumAttr, required } from './common.ts';
import type { CalendarWindow } from './calendar-view.ts';
import { calendarViewPage, parseCalendarView } from './calendar-view.ts';
import type { OperationSpec } from './operation.ts';
import { pageOf, parsePaging } from './paging.ts';

/**
 * FindItem: https://learn.microsoft.com/exchange/client-developer/web-service-reference/finditem-operation
 * with paging per https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-perform-paged-searches-by-using-ews-in-exchange.
 * Without a SortOrder, items come newest first (DateTimeReceived descending).
 */
const DEFAULT_SORT = {
  name: 'SortOrder',
  attrs: {},
  text: '',
  children: [
    {
      name: 'FieldOrder',
      attrs: { Order: 'Descending' },
      text: '',
      children: [{ name: 'FieldURI', attrs: { FieldURI: 'item:DateTimeReceived' }, text: '', children: [] }],
    },
  ],
};

export const findItem: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'FindItem';
    const traversal = enumAttr(ctx.request, 'Traversal', ['Shallow', 'SoftDeleted', 'Associated'] as const);
    const shape = parseShape(child(ctx.request, 'ItemShape'), 'ItemShape');
    const parents = required(ctx.request, 'ParentFolderIds').children;
    const fail = (error: EwsError): string =>
      responseEnvelope(
        op,
        parents.map(() =>
          perItem(op, () => {
            throw error;
          }),
        ),
      );
    try {
      itemFields(shape, 'message', 'find');
      itemFields(shape, 'calendar', 'find');
    } catch (error) {
      if (error instanceof EwsError) return fail(error);
      throw error;
    }
    if (child(ctx.request, 'ContactsView')) {
      return fail(new EwsError('ErrorInvalidOperation', 'ContactsView is not supported by the simulator.'));
    }
    const calendarView = child(ctx.request, 'CalendarView');
    let calendarWindow: CalendarWindow | undefined;
    try {
      calendarWindow = calendarView ? parseCalendarView(calendarView) : undefined;
      if (calendarView && (child(ctx.request, 'Restriction') || child(ctx.request, 'SortOrder')))
        throw new EwsError(
          'ErrorInvalidOperation',
          'Restrictions and sort orders with a CalendarView are not supported by the simulator.',
        );
    } catch (error) {
      if (error instanceof EwsError) return fail(error);
      throw error;
    }
    if (
      child(ctx.request, 'GroupBy') ||
      child(ctx.request, 'DistinguishedGroupBy') ||
      child(ctx.request, 'QueryString')
    ) {
      return fail(
        new EwsError('ErrorInvalidOperation', 'Grouping and AQS queries are not supported by the simulator.'),
      );
    }
    const compile = itemPathCompiler(ctx.model);
    let paging: ReturnType<typeof parsePaging>;
    let predicate: ((item: ItemView) => boolean) | undefined;
    let compare: (a: ItemView, b: ItemView) => number;
    const restriction = child(ctx.request, 'Restriction');
    try {
      paging = parsePaging(
        child(ctx.request, 'IndexedPageItemView'),
        child(ctx.request, 'FractionalPageItemView'),
      );
      if (restriction && restrictionSize(restriction) > 255)
        throw new EwsError('ErrorRestrictionTooLong', 'The restriction contains too many expressions.');
      predicate = restriction ? compileRestriction(restriction, compile) : undefined;
      compare = sortComparator(child(ctx.request, 'SortOrder') ?? DEFAULT_SORT, compile, (i) => i.id);
    } catch (error) {
      if (error instanceof EwsError) return fail(error);
      throw error;
    }
    const messages = parents.map((parentElement) =>
      perItem(op, () => {
        if (traversal === 'SoftDeleted')
          throw new EwsError(
            'ErrorInvalidOperation',
            'Soft-deleted traversal is not supported since Exchange 2010.',
          );
        const folder = resolveFolder(ctx, parentElement);
        if (calendarWindow) {
          const view = calendarViewPage(ctx, folder.id, calendarWindow);
          const written = view.items.map((item) => writeItem(ctx.model, item, shape, 'find')).join('');
          return successMessage(op, el('m:RootFolder', view.attrs, el('t:Items', undefined, written)));
        }
        const all = traversal === 'Associated' ? [] : [...ctx.model.items(folder.id)];
        const matching = predicate ? all.filter(predicate) : all;
        matching.sort(compare);
        const page = pageOf(ctx, matching, paging, restriction !== undefined);
        const items = page.items.map((item) => writeItem(ctx.model, item, shape, 'find')).join('');
        return successMessage(op, el('m:RootFolder', page.attrs, el('t:Items', undefined, items)));
      }),
    );
    return responseEnvelope(op, messages);
  },
};
