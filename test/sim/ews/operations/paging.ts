import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { isAtLeast } from '../soap/request-version.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { enumAttr, intAttr } from './common.ts';

/**
 * Paging for FindItem and FindFolder (IndexedPageItemView / IndexedPageFolderView and the fractional
 * views) and the EWSFindCountLimit rules from "EWS throttling in Exchange":
 * https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 * - with paging and RequestServerVersion Exchange2010_SP1 or later, a page larger than the limit is cut
 *   to a partial result (IncludesLastItemInRange false);
 * - with an Exchange 2010 (or earlier) version the request fails with ErrorServerBusy;
 * - without paging, more results than the limit fail with ErrorExceededFindCountLimit.
 * The limit is 1000, or 250 for searches with a restriction (Exchange 2013 and later).
 */
export type Paging =
  | { kind: 'none' }
  | { kind: 'indexed'; max: number; offset: number; fromEnd: boolean }
  | { kind: 'fractional'; max: number; numerator: number; denominator: number };

export function parsePaging(indexed: XmlElement | undefined, fractional: XmlElement | undefined): Paging {
  if (indexed) {
    const max = intAttr(indexed, 'MaxEntriesReturned');
    const offset = intAttr(indexed, 'Offset') ?? 0;
    const basePoint = enumAttr(indexed, 'BasePoint', ['Beginning', 'End'] as const, 'Beginning');
    if (max !== undefined && max <= 0) throw new EwsError('ErrorInvalidPagingMaxRows');
    if (offset < 0) throw new EwsError('ErrorInvalidIndexedPagingParameters');
    return { kind: 'indexed', max: max ?? Number.MAX_SAFE_INTEGER, offset, fromEnd: basePoint === 'End' };
  }
  if (fractional) {
    const max = intAttr(fractional, 'MaxEntriesReturned');
    const numerator = intAttr(fractional, 'Numerator') ?? 0;
    const denominator = intAttr(fractional, 'Denominator') ?? 1;
    if (max !== undefined && max <= 0) throw new EwsError('ErrorInvalidPagingMaxRows');
    if (numerator < 0 || denominator <= 0 || numerator > denominator)
      throw new EwsError(
        'ErrorInvalidFractionalPagingParameters',
        'Fractional paging parameters are invalid.',
      );
    return { kind: 'fractional', max: max ?? Number.MAX_SAFE_INTEGER, numerator, denominator };
  }
  return { kind: 'none' };
}

export interface Page<T> {
  items: T[];
  attrs: Record<string, string | number | boolean>;
}

export function findCountLimit(ctx: EwsContext, restricted: boolean): number {
  const limits = ctx.knobs.limitsFor('ews');
  const plain = limits?.findCountLimit ?? 1000;
  return restricted && isAtLeast(ctx.version, 'Exchange2013')
    ? (limits?.restrictedFindCountLimit ?? 250)
    : plain;
}

export function pageOf<T>(ctx: EwsContext, all: readonly T[], paging: Paging, restricted: boolean): Page<T> {
  const limit = findCountLimit(ctx, restricted);
  const total = all.length;
  if (paging.kind === 'none') {
    if (total > limit) throw new EwsError('ErrorExceededFindCountLimit');
    return { items: [...all], attrs: { TotalItemsInView: total, IncludesLastItemInRange: true } };
  }
  const wanted = paging.max;
  if (wanted > limit && !isAtLeast(ctx.version, 'Exchange2010_SP1')) {
    // Exchange 2010 and earlier answered an over-budget find with ErrorServerBusy instead of a partial page.
    const start = paging.kind === 'indexed' ? paging.offset : 0;
    if (total - start > limit) throw new EwsError('ErrorServerBusy');
  }
  const size = Math.min(wanted, limit);
  if (paging.kind === 'indexed') {
    const start = paging.fromEnd ? Math.max(0, total - paging.offset - size) : paging.offset;
    const end = paging.fromEnd ? Math.max(0, total - paging.offset) : Math.min(total, start + size);
    const items = start < total ? all.slice(start, end) : [];
    const includesLast = paging.fromEnd ? start === 0 : end >= total;
    const nextOffset = paging.fromEnd ? total - start : end;
    return {
      items,
      attrs: {
        IndexedPagingOffset: nextOffset,
        TotalItemsInView: total,
        IncludesLastItemInRange: includesLast,
      },
    };
  }
  const start = Math.floor((paging.numerator * total) / paging.denominator);
  const end = Math.min(total, start + size);
  return {
    items: all.slice(start, end),
    attrs: {
      NumeratorOffset: end,
      AbsoluteDenominator: total,
      TotalItemsInView: total,
      IncludesLastItemInRange: end >= total,
    },
  };
}
