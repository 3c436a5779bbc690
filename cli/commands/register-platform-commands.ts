import type { Command } from 'commander';
import { InputError } from '../../engine/index.ts';
import { openReplicaStore } from '../../engine/adapters/platform/replica/open-replica-store.ts';
import { emailProblem, normaliseEmail } from '../../engine/domain/email.ts';
import type {
  ReplicaCalendarItem,
  ReplicaFolder,
  ReplicaItem,
  ReplicaScope,
  ReplicaStore,
} from '../../engine/ports/replica-store.ts';
import type { CliContext } from '../cli-context.ts';
import { formatTable } from '../output/table.ts';

/** The most rows one `items` or `calendar` call prints; a script pages with filters instead. */
const MAX_LIMIT = 10_000;

/** The task and mailbox a browse command names, resolved and checked before the replica is opened. */
interface Browse {
  readonly task: { readonly id: string; readonly name: string };
  readonly mailbox: string;
}

/**
 * `exsync platform folders|items|calendar <task> <mailbox>`: read-only views of what folder and
 * calendar replication kept in the platform replica (the tables next to the store), for admins who
 * want to check a mailbox's replica without a database client.
 */
export function registerPlatformCommands(program: Command, context: (command: Command) => CliContext): void {
  const platform = program
    .command('platform')
    .description('Browse the platform replica: the folders, messages and calendar items replication kept');

  platform
    .command('folders')
    .description('The replicated folder tree of a mailbox, with live and deleted message counts')
    .argument('<task>', 'task name or id')
    .argument('<mailbox>', 'the mailbox address')
    .action(async (task: string, mailbox: string, _o, cmd: Command) => {
      const ctx = context(cmd);
      const browse = await resolve(ctx, task, mailbox);
      const folders = await withReplica(ctx, (r) => r.folders(scopeOf(browse)));
      if (ctx.output.json) return ctx.output.printJson({ ...browse, folders });
      if (folders.length === 0) return ctx.output.print(nothingYet(browse, 'folders'));
      ctx.output.print(
        formatTable(
          ['FOLDER', 'LIVE', 'DELETED', 'STATE'],
          folders.map((f) => [
            `${'  '.repeat(depth(f, folders))}${f.name}`,
            String(f.liveItems),
            String(f.deletedItems),
            f.deletedAt ? `deleted ${f.deletedAt}` : '',
          ]),
        ),
      );
    });

  platform
    .command('items')
    .description('Messages of a mailbox, newest received first, with their current or last known folder')
    .argument('<task>', 'task name or id')
    .argument('<mailbox>', 'the mailbox address')
    .option('--folder <path>', 'only this folder (its path as `folders` shows it, e.g. "Inbox/Projects")')
    .option('--deleted', 'only messages deleted from Exchange')
    .option('--limit <n>', `at most this many messages (1-${MAX_LIMIT})`, '100')
    .action(
      async (
        task: string,
        mailbox: string,
        o: { folder?: string; deleted?: boolean; limit: string },
        cmd: Command,
      ) => {
        const ctx = context(cmd);
        const limit = parseLimit(o.limit);
        const browse = await resolve(ctx, task, mailbox);
        const { items, matching } = await withReplica(ctx, async (r) => {
          const scope = scopeOf(browse);
          const folders = await r.folders(scope);
          const inFolder = o.folder === undefined ? folders : folders.filter((f) => f.path === o.folder);
          if (o.folder !== undefined && inFolder.length === 0)
            throw new InputError('--folder', `no folder "${o.folder}" in the replica of ${browse.mailbox}`);
          const query = { limit, ...(o.folder !== undefined ? { folderPath: o.folder } : {}) };
          const found = await r.items(scope, o.deleted ? { ...query, deleted: true } : query);
          const count = inFolder.reduce((n, f) => n + f.deletedItems + (o.deleted ? 0 : f.liveItems), 0);
          return {
            items: found,
            matching:
              o.folder === undefined ? await r.itemCount(scope, o.deleted ? { deleted: true } : {}) : count,
          };
        });
        if (ctx.output.json) return ctx.output.printJson({ ...browse, matching, items });
        if (matching === 0) return ctx.output.print(nothingYet(browse, 'messages'));
        ctx.output.print(
          [
            formatTable(['RECEIVED', 'FROM', 'SUBJECT', 'FOLDER', 'STATE'], items.map(itemRow)),
            `Showing ${items.length} of ${matching} message${matching === 1 ? '' : 's'}${items.length < matching ? ' (--limit shows more)' : ''}.`,
          ].join('\n\n'),
        );
      },
    );

  platform
    .command('calendar')
    .description('Calendar items of a mailbox, soonest first, with each attachment’s name, size and SHA-256')
    .argument('<task>', 'task name or id')
    .argument('<mailbox>', 'the mailbox address')
    .option('--from <date>', 'items that end at or after this date or date-time (ISO 8601)')
    .option('--to <date>', 'items that start before this date or date-time (ISO 8601)')
    .option('--limit <n>', `at most this many items (1-${MAX_LIMIT})`, '500')
    .action(
      async (
        task: string,
        mailbox: string,
        o: { from?: string; to?: string; limit: string },
        cmd: Command,
      ) => {
        const ctx = context(cmd);
        const limit = parseLimit(o.limit);
        const from = o.from === undefined ? undefined : parseDate('--from', o.from);
        const to = o.to === undefined ? undefined : parseDate('--to', o.to);
        if (from !== undefined && to !== undefined && from >= to)
          throw new InputError('--to', `must be later than --from (${from})`);
        const browse = await resolve(ctx, task, mailbox);
        const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
        const items = await withReplica(ctx, (r) => r.calendarItems(scopeOf(browse), { ...range, limit }));
        if (ctx.output.json) return ctx.output.printJson({ ...browse, ...range, items });
        if (items.length === 0) return ctx.output.print(nothingYet(browse, 'calendar items'));
        ctx.output.print(calendarText(items));
      },
    );
}

async function resolve(ctx: CliContext, taskRef: string, mailboxArg: string): Promise<Browse> {
  const mailbox = normaliseEmail(mailboxArg);
  const problem = emailProblem(mailbox);
  if (problem) throw new InputError('mailbox', problem);
  const task = await ctx.withServices((s) => s.tasks.get(taskRef));
  return { task: { id: task.id, name: task.name }, mailbox };
}

async function withReplica<T>(ctx: CliContext, use: (replica: ReplicaStore) => Promise<T>): Promise<T> {
  const replica = await openReplicaStore({ dataDir: ctx.env.EXSYNC_DATA_DIR, url: ctx.env.EXSYNC_STORE_URL });
  try {
    return await use(replica);
  } finally {
    await replica.close();
  }
}

const scopeOf = (b: Browse): ReplicaScope => ({ taskId: b.task.id, mailbox: b.mailbox });

const nothingYet = (b: Browse, what: string) =>
  `No ${what} of ${b.mailbox} in the replica of task "${b.task.name}" (yet: a replication run fills it).`;

function parseLimit(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > MAX_LIMIT)
    throw new InputError('--limit', `must be a whole number from 1 to ${MAX_LIMIT}, not "${raw}"`);
  return n;
}

/** A date (midnight UTC) or a date-time with its offset, as ISO 8601; stored times compare as UTC ISO strings. */
function parseDate(option: string, raw: string): string {
  const text = raw.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const at = new Date(dateOnly ? `${text}T00:00:00Z` : text);
  if (
    (!dateOnly && !dateTime) ||
    Number.isNaN(at.getTime()) ||
    (dateOnly && at.toISOString().slice(0, 10) !== text)
  )
    throw new InputError(option, `"${raw}" is not a date; use 2026-12-01 or 2026-12-01T09:00Z`);
  return at.toISOString();
}

function depth(folder: ReplicaFolder, folders: readonly ReplicaFolder[]): number {
  let n = 0;
  for (let f = folder; f.parentId !== undefined && n < folders.length; n++) {
    const parent = folders.find((p) => p.id === f.parentId);
    if (!parent) break;
    f = parent;
  }
  return n;
}

function itemRow(item: ReplicaItem): string[] {
  return [
    item.receivedAt ?? '-',
    item.from?.address ?? item.from?.name ?? '-',
    item.subject,
    item.folderPath,
    item.deletedAt ? `deleted ${item.deletedAt}` : '',
  ];
}

function calendarText(items: readonly ReplicaCalendarItem[]): string {
  const out = [
    formatTable(
      ['START', 'END', 'SUBJECT', 'CALENDAR', 'TYPE', 'ATTACHMENTS'],
      items.map((i) => [i.start, i.end, i.subject, i.calendarName, i.type, String(i.attachments.length)]),
    ),
  ];
  const attachments = items.flatMap((i) =>
    i.attachments.map((a) => [i.subject, a.name, `${a.size} bytes`, a.sha256]),
  );
  if (attachments.length) out.push(formatTable(['ITEM', 'ATTACHMENT', 'SIZE', 'SHA-256'], attachments));
  return out.join('\n\n');
}
