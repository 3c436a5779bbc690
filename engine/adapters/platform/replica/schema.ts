import type { SqlConnection } from './sql-connection.ts';

/**
 * The replica's tables. Every key and index starts with the store namespace, then task and mailbox,
 * so tests share one database and every query of one mailbox is a prefix scan. Times are ISO 8601
 * UTC strings, which sort as instants; PostgreSQL compares them (and ids) in the "C" collation, as
 * SQLite's BINARY does, so both backends order alike.
 *
 * Bump SCHEMA_VERSION with every change here, and make each statement safe to run again.
 */
export const SCHEMA_VERSION = 1;

type Dialect = SqlConnection['dialect'];

function statements(dialect: Dialect): string[] {
  const text = dialect === 'postgres' ? 'TEXT COLLATE "C"' : 'TEXT';
  const key = `ns ${text} NOT NULL, task ${text} NOT NULL, mailbox ${text} NOT NULL, id ${text} NOT NULL`;
  return [
    `CREATE TABLE IF NOT EXISTS replica_folders (
      ${key}, parent_id ${text}, name ${text} NOT NULL, well_known ${text},
      first_seen ${text} NOT NULL, last_seen ${text} NOT NULL, deleted_at ${text},
      PRIMARY KEY (ns, task, mailbox, id))`,
    // received_at is '' when Exchange gave none, so "newest first" puts those last on both backends.
    `CREATE TABLE IF NOT EXISTS replica_items (
      ${key}, folder_id ${text} NOT NULL, folder_since ${text} NOT NULL,
      internet_message_id ${text}, subject ${text} NOT NULL, from_name ${text}, from_address ${text},
      received_at ${text} NOT NULL, sent_at ${text}, size INTEGER NOT NULL, sensitivity ${text} NOT NULL,
      item_class ${text} NOT NULL, flag_status ${text} NOT NULL, has_attachments INTEGER NOT NULL,
      categories ${text} NOT NULL, is_read INTEGER NOT NULL,
      first_seen ${text} NOT NULL, last_seen ${text} NOT NULL, deleted_at ${text},
      deleted_in_run ${text}, first_seen_run ${text},
      PRIMARY KEY (ns, task, mailbox, id))`,
    `CREATE INDEX IF NOT EXISTS replica_items_by_message
      ON replica_items (ns, task, mailbox, internet_message_id)`,
    `CREATE INDEX IF NOT EXISTS replica_items_by_folder
      ON replica_items (ns, task, mailbox, folder_id, received_at, id)`,
    `CREATE INDEX IF NOT EXISTS replica_items_by_received
      ON replica_items (ns, task, mailbox, received_at, id)`,
    `CREATE INDEX IF NOT EXISTS replica_items_by_state
      ON replica_items (ns, task, mailbox, folder_id, deleted_at)`,
    `CREATE TABLE IF NOT EXISTS replica_item_locations (
      ns ${text} NOT NULL, task ${text} NOT NULL, mailbox ${text} NOT NULL, item_id ${text} NOT NULL,
      folder_id ${text} NOT NULL, since ${text} NOT NULL, until ${text} NOT NULL,
      PRIMARY KEY (ns, task, mailbox, item_id, since, folder_id))`,
    `CREATE TABLE IF NOT EXISTS replica_calendar_items (
      ${key}, calendar_id ${text} NOT NULL, start_at ${text} NOT NULL, reach_end ${text} NOT NULL,
      series_master_id ${text}, last_modified ${text}, first_seen ${text} NOT NULL, last_seen ${text} NOT NULL,
      data ${text} NOT NULL,
      PRIMARY KEY (ns, task, mailbox, id))`,
    `CREATE INDEX IF NOT EXISTS replica_calendar_by_calendar
      ON replica_calendar_items (ns, task, mailbox, calendar_id)`,
    `CREATE INDEX IF NOT EXISTS replica_calendar_by_start
      ON replica_calendar_items (ns, task, mailbox, start_at, id)`,
    `CREATE INDEX IF NOT EXISTS replica_calendar_by_series
      ON replica_calendar_items (ns, task, mailbox, series_master_id)`,
  ];
}

/**
 * Creates or upgrades the tables. Opening is cheap once done: one read of the version row. Two
 * processes opening at once serialise on a lock (SQLite's write lock via BEGIN IMMEDIATE, a
 * PostgreSQL advisory transaction lock), because CREATE ... IF NOT EXISTS alone still races on
 * PostgreSQL's catalog (duplicate key on pg_type).
 */
export async function ensureSchema(connection: SqlConnection): Promise<void> {
  const installed = await connection
    .all<{ version: number }>('SELECT version FROM replica_schema')
    .catch(() => []);
  if (installed[0]?.version === SCHEMA_VERSION) return;
  await connection.transaction(async (tx) => {
    if (connection.dialect === 'postgres')
      await tx.run(`SELECT pg_advisory_xact_lock(hashtext('exsync.replica.schema'))`);
    await tx.run('CREATE TABLE IF NOT EXISTS replica_schema (version INTEGER NOT NULL)');
    const rows = await tx.all<{ version: number }>('SELECT version FROM replica_schema');
    if (rows[0]?.version === SCHEMA_VERSION) return;
    for (const statement of statements(connection.dialect)) await tx.run(statement);
    await tx.run('DELETE FROM replica_schema');
    await tx.run('INSERT INTO replica_schema (version) VALUES (?)', [SCHEMA_VERSION]);
  });
}
