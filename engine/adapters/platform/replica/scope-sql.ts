import type { ReplicaScope } from '../../../ports/replica-store.ts';

/** The leading key columns every replica row carries, in key order. */
export const SCOPE = 'ns = ? AND task = ? AND mailbox = ?';

export interface BoundScope {
  readonly namespace: string;
  readonly scope: ReplicaScope;
}

export function scopeParams({ namespace, scope }: BoundScope): [string, string, string] {
  return [namespace, scope.taskId, scope.mailbox];
}

/** Keeps the last entry per key: one multi-row upsert may not touch a row twice (PostgreSQL refuses). */
export function lastPerKey<T>(values: readonly T[], key: (value: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const value of values) {
    const k = key(value);
    byKey.delete(k);
    byKey.set(k, value);
  }
  return [...byKey.values()];
}
