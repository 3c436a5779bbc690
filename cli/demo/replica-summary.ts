import type { TaskRecord } from '../../engine/index.ts';
import type { ReplicaStore } from '../../engine/ports/replica-store.ts';

export interface ReplicaSummary {
  readonly mailboxes: number;
  readonly folders: number;
  readonly messages: number;
  readonly deletedMessages: number;
  readonly calendarItems: number;
  readonly attachments: number;
}

/** What a replication task put in the platform replica, summed over its mailboxes. */
export async function summarizeReplica(
  replica: ReplicaStore,
  task: TaskRecord,
  mailboxes: readonly string[],
): Promise<ReplicaSummary> {
  const summary = {
    mailboxes: mailboxes.length,
    folders: 0,
    messages: 0,
    deletedMessages: 0,
    calendarItems: 0,
    attachments: 0,
  };
  for (const mailbox of mailboxes) {
    const scope = { taskId: task.id, mailbox };
    if (task.type === 'folder-replication') {
      summary.folders += (await replica.folders(scope)).filter((f) => !f.deletedAt).length;
      summary.messages += await replica.itemCount(scope, { deleted: false });
      summary.deletedMessages += await replica.itemCount(scope, { deleted: true });
    } else if (task.type === 'calendar-replication') {
      const items = await replica.calendarItems(scope, { limit: 100_000 });
      summary.calendarItems += items.length;
      summary.attachments += items.reduce((sum, item) => sum + item.attachments.length, 0);
    }
  }
  return summary;
}

export function describeReplica(type: TaskRecord['type'], s: ReplicaSummary): string {
  if (type === 'folder-replication')
    return `Replica: ${s.folders} folders and ${s.messages} messages (${s.deletedMessages} deleted) in ${s.mailboxes} mailboxes.`;
  if (type === 'calendar-replication')
    return `Replica: ${s.calendarItems} calendar items with ${s.attachments} attachments in ${s.mailboxes} mailboxes.`;
  return '';
}
