import type { ExchangeService, Item } from 'ews-javascript-api';
import {
  BasePropertySet,
  DateTime,
  ExchangeVersion,
  FolderId,
  ItemSchema,
  ItemView,
  OffsetBasePoint,
  PropertySet,
  SearchFilter,
  Sensitivity,
  ServiceError,
  SortDirection,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { ewsClient, find, findAll, rawSoap, rejection } from './ews-test-client.ts';
import { useEwsSimulator } from './ews-test-fixture.ts';

// One mailbox with a 1,100-item Inbox: more than the default EWSFindCountLimit of 1,000.
let sim: Simulator;
let mailbox: string;
let service: ExchangeService;

useEwsSimulator(
  {
    population: {
      mailboxes: 1,
      foldersPerMailbox: 1,
      itemsPerFolder: 1100,
      calendarItemsPerMailbox: 0,
      privateShare: 0.1,
      seed: 'find-item',
    },
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

afterEach(() =>
  sim.knobs.configure({
    throttling: { limits: { ews: { findCountLimit: 1000, restrictedFindCountLimit: 250 } } },
  }),
);

function inbox(): string {
  return sim.model.wellKnownFolder(mailbox, 'inbox')?.id ?? '';
}

const itemFind = `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>%VIEW%<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>`;

describe('FindItem paging', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-perform-paged-searches-by-using-ews-in-exchange
  it('pages with IndexedPageItemView: NextPageOffset, TotalCount, MoreAvailable', async () => {
    const view = new ItemView(400, 0);
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      const result = await service.FindItems(WellKnownFolderName.Inbox, view);
      pages++;
      expect(result.TotalCount).toBe(1100);
      seen.push(...result.Items.map((i: Item) => i.Id.UniqueId));
      if (!result.MoreAvailable) break;
      expect(result.NextPageOffset).toBe(seen.length);
      view.Offset = result.NextPageOffset ?? seen.length;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(1100);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/indexedpageitemview (BasePoint End)
  it('counts the offset from the end with BasePoint End', async () => {
    const fromStart = await service.FindItems(WellKnownFolderName.Inbox, new ItemView(5, 1095));
    const fromEnd = await service.FindItems(
      WellKnownFolderName.Inbox,
      new ItemView(5, 0, OffsetBasePoint.End),
    );
    expect(fromEnd.Items.map((i: Item) => i.Id.UniqueId)).toEqual(
      fromStart.Items.map((i: Item) => i.Id.UniqueId),
    );
  });
});

describe('EWSFindCountLimit', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange:
  // "EWS may return a partial result set … If IncludesLastItemInRange is false, make another request with the new offset."
  it('cuts a page larger than 1,000 to a partial result the client completes by paging', async () => {
    const view = new ItemView(5000);
    const first = await service.FindItems(WellKnownFolderName.Inbox, view);
    expect(first.Items).toHaveLength(1000);
    expect(first.MoreAvailable).toBe(true);
    expect(first.NextPageOffset).toBe(1000);
    view.Offset = 1000;
    const second = await service.FindItems(WellKnownFolderName.Inbox, view);
    expect(second.Items).toHaveLength(100);
    expect(second.MoreAvailable).toBe(false);
  });

  // Same page: "the EWSFindCountLimit for … any Exchange search with a restriction is 250 results."
  it('limits searches with a restriction to 250 per response on Exchange 2013 and later', async () => {
    const everything = new SearchFilter.IsGreaterThan(ItemSchema.DateTimeReceived, new DateTime(2000, 1, 1));
    const result = await service.FindItems(WellKnownFolderName.Inbox, everything, new ItemView(1000));
    expect(result.Items).toHaveLength(250);
    expect(result.MoreAvailable).toBe(true);
    expect(result.TotalCount).toBe(1100);
  });

  // Same page: "When the RequestServerVersion … indicates Exchange 2010 or an earlier version … ErrorServerBusy."
  it('answers ErrorServerBusy instead of a partial result for Exchange 2010 requests', async () => {
    const old = ewsClient(sim, { mailbox, version: ExchangeVersion.Exchange2010 });
    const error = await rejection(old.FindItems(WellKnownFolderName.Inbox, new ItemView(2000)));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorServerBusy);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorExceededFindCountLimit)
  it('fails an unpaged search over the limit with ErrorExceededFindCountLimit', async () => {
    const response = await rawSoap(sim, itemFind.replace('%VIEW%', ''), { mailbox });
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorExceededFindCountLimit');
  });

  it('honours a limit changed through the knobs while the simulator runs', async () => {
    sim.knobs.configure({ throttling: { limits: { ews: { findCountLimit: 30 } } } });
    const result = await service.FindItems(WellKnownFolderName.Inbox, new ItemView(100));
    expect(result.Items).toHaveLength(30);
    expect(result.MoreAvailable).toBe(true);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorInvalidPagingMaxRows, ErrorInvalidIndexedPagingParameters)
  it('rejects MaxEntriesReturned 0 and negative offsets', async () => {
    const zero = await rawSoap(
      sim,
      itemFind.replace(
        '%VIEW%',
        '<m:IndexedPageItemView MaxEntriesReturned="0" Offset="0" BasePoint="Beginning"/>',
      ),
      { mailbox },
    );
    expect(find(zero.xml, 'ResponseCode')?.text).toBe('ErrorInvalidPagingMaxRows');
    const negative = await rawSoap(
      sim,
      itemFind.replace(
        '%VIEW%',
        '<m:IndexedPageItemView MaxEntriesReturned="5" Offset="-1" BasePoint="Beginning"/>',
      ),
      { mailbox },
    );
    expect(find(negative.xml, 'ResponseCode')?.text).toBe('ErrorInvalidIndexedPagingParameters');
  });
});

describe('FindItem restrictions and sorting', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/restriction
  it('filters on Sensitivity and DateTimeReceived like the store', async () => {
    const all = [...sim.model.items(inbox())];
    const privateCount = all.filter((i) => i.sensitivity === 'Private').length;
    expect(privateCount).toBeGreaterThan(0);
    const privateOnly = await service.FindItems(
      WellKnownFolderName.Inbox,
      new SearchFilter.IsEqualTo(ItemSchema.Sensitivity, Sensitivity.Private),
      new ItemView(250),
    );
    expect(privateOnly.TotalCount).toBe(privateCount);
    expect(privateOnly.Items.every((i: Item) => i.Sensitivity === Sensitivity.Private)).toBe(true);

    const cutoff = '2025-01-01T00:00:00Z';
    const olderCount = all.filter((i) => i.receivedAt < cutoff).length;
    const older = await service.FindItems(
      WellKnownFolderName.Inbox,
      new SearchFilter.IsLessThan(ItemSchema.DateTimeReceived, new DateTime(Date.parse(cutoff))),
      new ItemView(10),
    );
    expect(older.TotalCount).toBe(olderCount);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/sortorder
  it('sorts by the requested field; without SortOrder, newest first', async () => {
    const oldestFirst = new ItemView(20);
    oldestFirst.PropertySet = new PropertySet(BasePropertySet.IdOnly, [ItemSchema.DateTimeReceived]);
    oldestFirst.OrderBy.Add(ItemSchema.DateTimeReceived, SortDirection.Ascending);
    const ascending = await service.FindItems(new FolderId(inbox()), oldestFirst);
    const times = ascending.Items.map((i: Item) => i.DateTimeReceived.TotalMilliSeconds);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const raw = await rawSoap(
      sim,
      itemFind
        .replace(
          'IdOnly',
          'IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:DateTimeReceived"/></t:AdditionalProperties><t:BaseShape_',
        )
        .replace('<t:BaseShape_</t:BaseShape>', '')
        .replace(
          '%VIEW%',
          '<m:IndexedPageItemView MaxEntriesReturned="20" Offset="0" BasePoint="Beginning"/>',
        ),
      { mailbox },
    );
    const received = findAll(raw.xml, 'DateTimeReceived').map((e) => e.text);
    expect(received).toHaveLength(20);
    expect(received).toEqual([...received].sort().reverse());
  });
});
