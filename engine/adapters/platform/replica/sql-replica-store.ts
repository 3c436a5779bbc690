import type { FolderChange } from '../../../ports/mailbox.ts';
import type {
  ApplyContext,
  CalendarQuery,
  ItemApplyCounts,
  ItemQuery,
  ReplicaCalendarItem,
  ReplicaFolder,
  ReplicaItem,
  ReplicaItemChange,
  ReplicaScope,
  ReplicaStore,
} from '../../../ports/replica-store.ts';
import * as calendar from './calendar-store.ts';
import { applyFolderChanges, listFolders, loadFolderTree, sweepFolders } from './folder-writes.ts';
import { countItems, queryItems } from './item-queries.ts';
import { applyItemPage, dropItemsOfFolders, sweepFolderItems } from './item-writes.ts';
import type { BoundScope } from './scope-sql.ts';
import type { SqlConnection } from './sql-connection.ts';

const TABLES = ['replica_folders', 'replica_items', 'replica_item_locations', 'replica_calendar_items'];

/** ReplicaStore on the replica tables (schema.ts), one namespace of one database. */
export class SqlReplicaStore implements ReplicaStore {
  constructor(
    private readonly connection: SqlConnection,
    private readonly namespace: string,
  ) {}

  private bind(scope: ReplicaScope): BoundScope {
    return { namespace: this.namespace, scope };
  }

  applyFolderChanges(scope: ReplicaScope, changes: readonly FolderChange[], at: string): Promise<void> {
    return this.connection.transaction((tx) => applyFolderChanges(tx, this.bind(scope), changes, at));
  }

  sweepFolders(scope: ReplicaScope, seenSince: string, at: string): Promise<number> {
    return this.connection.transaction((tx) => sweepFolders(tx, this.bind(scope), seenSince, at));
  }

  folders(scope: ReplicaScope): Promise<readonly ReplicaFolder[]> {
    return listFolders(this.connection, this.bind(scope));
  }

  applyItemChanges(
    scope: ReplicaScope,
    folderId: string,
    changes: readonly ReplicaItemChange[],
    context: ApplyContext,
  ): Promise<ItemApplyCounts> {
    return this.connection.transaction((tx) =>
      applyItemPage(tx, this.bind(scope), folderId, changes, context),
    );
  }

  sweepFolderItems(scope: ReplicaScope, folderId: string, seenSince: string, at: string): Promise<number> {
    return sweepFolderItems(this.connection, this.bind(scope), folderId, seenSince, at);
  }

  dropFolderItems(scope: ReplicaScope, folderIds: readonly string[]): Promise<number> {
    const bound = this.bind(scope);
    return this.connection.transaction(async (tx) => {
      const tree = await loadFolderTree(tx, bound);
      return dropItemsOfFolders(tx, bound, tree.subtree(folderIds));
    });
  }

  items(scope: ReplicaScope, query?: ItemQuery): Promise<readonly ReplicaItem[]> {
    return queryItems(this.connection, this.bind(scope), query);
  }

  itemCount(scope: ReplicaScope, options?: { deleted?: boolean }): Promise<number> {
    return countItems(this.connection, this.bind(scope), options);
  }

  upsertCalendarItems(scope: ReplicaScope, items: readonly ReplicaCalendarItem[]): Promise<void> {
    return this.connection.transaction((tx) => calendar.upsertCalendarItems(tx, this.bind(scope), items));
  }

  deleteCalendarItems(scope: ReplicaScope, ids: readonly string[]): Promise<number> {
    return this.connection.transaction((tx) => calendar.deleteCalendarItems(tx, this.bind(scope), ids));
  }

  sweepCalendar(scope: ReplicaScope, calendarId: string, seenSince: string): Promise<number> {
    return calendar.sweepCalendar(this.connection, this.bind(scope), calendarId, seenSince);
  }

  dropCalendar(scope: ReplicaScope, calendarId: string): Promise<number> {
    return calendar.dropCalendar(this.connection, this.bind(scope), calendarId);
  }

  pruneExceptions(scope: ReplicaScope, seriesMasterId: string, keep: readonly string[]): Promise<number> {
    return calendar.pruneExceptions(this.connection, this.bind(scope), seriesMasterId, keep);
  }

  touchCalendarItems(scope: ReplicaScope, ids: readonly string[], at: string): Promise<void> {
    return calendar.touchCalendarItems(this.connection, this.bind(scope), ids, at);
  }

  calendarVersions(
    scope: ReplicaScope,
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, string | undefined>> {
    return calendar.calendarVersions(this.connection, this.bind(scope), ids);
  }

  calendarIds(scope: ReplicaScope): Promise<readonly string[]> {
    return calendar.calendarIds(this.connection, this.bind(scope));
  }

  calendarItems(scope: ReplicaScope, query?: CalendarQuery): Promise<readonly ReplicaCalendarItem[]> {
    return calendar.queryCalendar(this.connection, this.bind(scope), query);
  }

  async dropTask(taskId: string): Promise<void> {
    await this.connection.transaction(async (tx) => {
      for (const table of TABLES)
        await tx.run(`DELETE FROM ${table} WHERE ns = ? AND task = ?`, [this.namespace, taskId]);
    });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
