import { randomUUID } from 'node:crypto';
import type { RecordKind, RecordMeta } from '../domain/records.ts';
import { ConflictError, NotFoundError, StaleVersionError } from '../errors/index.ts';
import type { Clock } from '../ports/clock.ts';
import type { KvStore, StoredValue } from '../ports/kv-store.ts';
import type { AuditLog } from './audit-log.ts';
import { bumpConfigVersion } from './config-version.ts';
import { nameKey, recordKey, recordPrefix } from './keys.ts';

type Data<R> = Omit<R, keyof RecordMeta>;

export interface RepositoryOptions<R extends RecordMeta> {
  kind: RecordKind;
  store: KvStore;
  audit: AuditLog;
  clock: Clock;
  /** Records with a unique, renameable name; sites are keyed by their code instead. */
  nameOf?: (record: Data<R>) => string;
  /** How messages name a record: `"Nightly"` or `lon-01`. */
  label: (record: Data<R>) => string;
}

/**
 * Versioned config records of one kind. Every write is conditional on the version the caller read, so
 * two admins editing the same record cannot silently overwrite each other; names are claimed with
 * create-if-absent, so two records can never share one. Each change is audited and bumps the config
 * version that sites poll.
 */
export class RecordRepository<R extends RecordMeta> {
  constructor(private readonly o: RepositoryOptions<R>) {}

  get kind(): RecordKind {
    return this.o.kind;
  }

  async list(): Promise<R[]> {
    return (await this.o.store.list<R>(recordPrefix(this.o.kind))).map((e) => e.value);
  }

  async findById(id: string): Promise<R | undefined> {
    return (await this.o.store.get<R>(recordKey(this.o.kind, id)))?.value;
  }

  /** By id, or else by name (case-insensitive). */
  async resolve(ref: string, field?: string): Promise<R> {
    const byId = await this.findById(ref);
    if (byId) return byId;
    if (this.o.nameOf) {
      const claim = await this.o.store.get<{ id: string }>(nameKey(this.o.kind, ref));
      const byName = claim && (await this.findById(claim.value.id));
      if (byName) return byName;
    }
    throw new NotFoundError(this.o.kind, ref, field);
  }

  async create(data: Data<R>, actor: string, id: string = randomUUID()): Promise<R> {
    const now = this.o.clock.now().toISOString();
    const record = {
      ...data,
      id,
      version: 1,
      createdAt: now,
      createdBy: actor,
      modifiedAt: now,
      modifiedBy: actor,
    } as R;
    const name = this.o.nameOf?.(data);
    if (name !== undefined) await this.claimName(name, id);
    if (!(await this.o.store.createIfAbsent(recordKey(this.o.kind, id), record))) {
      if (name !== undefined) await this.releaseName(name, id);
      throw new ConflictError(
        this.o.kind === 'site' ? 'code' : 'id',
        `${this.o.kind} ${this.o.label(data)} already exists`,
        'name-taken',
      );
    }
    await this.changed(actor, now, 'create', id, this.o.label(data), undefined, record);
    return record;
  }

  /**
   * Applies `change` to the record as it is at `basedOnVersion`. Refused as stale when the record has
   * moved on, whether before we read it or between our read and our write.
   */
  async update(
    id: string,
    basedOnVersion: number,
    change: (current: R) => Data<R>,
    actor: string,
  ): Promise<R> {
    const stored = await this.o.store.get<R>(recordKey(this.o.kind, id));
    if (!stored) throw new NotFoundError(this.o.kind, id);
    const current = stored.value;
    if (current.version !== basedOnVersion) throw this.stale(current, basedOnVersion);
    const data = change(current);
    const now = this.o.clock.now().toISOString();
    const next = {
      ...data,
      id,
      version: current.version + 1,
      createdAt: current.createdAt,
      createdBy: current.createdBy,
      modifiedAt: now,
      modifiedBy: actor,
    } as R;
    const oldName = this.o.nameOf?.(current);
    const newName = this.o.nameOf?.(data);
    const renamed =
      oldName !== undefined &&
      newName !== undefined &&
      nameKey(this.o.kind, oldName) !== nameKey(this.o.kind, newName);
    if (renamed) await this.claimName(newName, id);
    if (!(await this.o.store.replaceIf(recordKey(this.o.kind, id), stored.revision, next))) {
      if (renamed) await this.releaseName(newName, id);
      throw this.stale(await this.findById(id), basedOnVersion, current);
    }
    if (renamed) await this.releaseName(oldName, id);
    await this.changed(actor, now, 'update', id, this.o.label(data), current, next);
    return next;
  }

  /** Deletes the record; with `basedOnVersion`, only if nobody changed it since. */
  async remove(id: string, actor: string, basedOnVersion?: number): Promise<R> {
    const stored = await this.o.store.get<R>(recordKey(this.o.kind, id));
    if (!stored) throw new NotFoundError(this.o.kind, id);
    const current = stored.value;
    if (basedOnVersion !== undefined && current.version !== basedOnVersion)
      throw this.stale(current, basedOnVersion);
    if (!(await this.o.store.deleteIf(recordKey(this.o.kind, id), stored.revision)))
      throw this.stale(await this.findById(id), basedOnVersion ?? current.version, current);
    const name = this.o.nameOf?.(current);
    if (name !== undefined) await this.releaseName(name, id);
    await this.changed(
      actor,
      this.o.clock.now().toISOString(),
      'remove',
      id,
      this.o.label(current),
      current,
      undefined,
    );
    return current;
  }

  /** Puts back a record removed a moment ago (used to undo a removal that lost a race). */
  async restore(record: R, actor: string): Promise<void> {
    const name = this.o.nameOf?.(record);
    if (name !== undefined) await this.claimName(name, record.id);
    await this.o.store.createIfAbsent(recordKey(this.o.kind, record.id), record);
    await this.changed(
      actor,
      this.o.clock.now().toISOString(),
      'create',
      record.id,
      this.o.label(record),
      undefined,
      record,
    );
  }

  private async claimName(name: string, id: string): Promise<void> {
    const key = nameKey(this.o.kind, name);
    if (await this.o.store.createIfAbsent(key, { id })) return;
    const claim = await this.o.store.get<{ id: string }>(key);
    if (claim && claim.value.id !== id) {
      // A claim whose record is gone was left by a process that died mid-create; take it over.
      const owner = await this.findById(claim.value.id);
      if (owner || !(await this.o.store.replaceIf(key, claim.revision, { id })))
        throw new ConflictError(
          'name',
          `a ${this.o.kind} named "${owner && this.o.nameOf ? this.o.nameOf(owner) : name}" already exists`,
          'name-taken',
        );
    }
  }

  private async releaseName(name: string, id: string): Promise<void> {
    const key = nameKey(this.o.kind, name);
    const claim = await this.o.store.get<{ id: string }>(key);
    if (claim?.value.id === id) await this.o.store.deleteIf(key, claim.revision);
  }

  private stale(now: R | undefined, basedOn: number, before?: R): StaleVersionError {
    const label = this.o.label(now ?? before ?? ({} as R));
    return new StaleVersionError(this.o.kind, label, basedOn, now);
  }

  private async changed(
    actor: string,
    at: string,
    action: 'create' | 'update' | 'remove',
    id: string,
    label: string,
    before: R | undefined,
    after: R | undefined,
  ): Promise<void> {
    await this.o.audit.append({
      actor,
      at,
      action,
      kind: this.o.kind,
      recordId: id,
      label,
      before: before ?? null,
      after: after ?? null,
    });
    await bumpConfigVersion(this.o.store, actor, at);
  }
}

export type { StoredValue };
