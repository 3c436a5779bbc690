import { isArchiveStub } from '../../domain/archive-stubs.ts';
import type { ItemChange } from '../../ports/mailbox.ts';
import type { ReplicaItemChange } from '../../ports/replica-store.ts';

/**
 * What the replica does with one change Exchange reported. Personal and Private messages are never
 * kept (MSE): one that becomes private later is purged with its history. Archive stubs are kept only
 * when the definition includes them.
 */
export function classifyItemChange(change: ItemChange, includeArchiveStubs: boolean): ReplicaItemChange {
  if (change.kind === 'deleted') return { kind: 'deleted', id: change.id };
  if (change.kind === 'read-flag') return { kind: 'read-flag', id: change.id, isRead: change.isRead };
  const { item } = change;
  if (item.sensitivity === 'private' || item.sensitivity === 'personal')
    return { kind: 'purge', id: item.id };
  if (!includeArchiveStubs && isArchiveStub(item.itemClass)) return { kind: 'purge', id: item.id };
  return { kind: 'upsert', item };
}
