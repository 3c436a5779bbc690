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
  /**
   * How long a name claim without its record is taken to be a create in progress in another process
   * (claim written, record not yet) rather than one left by a process that died mid-create.
   */
  claimGraceMs?: number;
}

/** A unique-name claim: which record holds the name, and since when (absent on claims written before). */
interface NameClaim {
  readonly id: string;
  readonly claimedAt?: string;
}

/** Far longer than the few writes between claiming a name and writing its record. */
export const DEFAULT_CLAIM_GRACE_MS = 60_000;

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
      const claim = await this.o.store.get<NameClaim>(nameKey(this.o.kind, ref));
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

  /** Puts back a record removed a moment ago (used to undo a removal that lost a race); audited as an undo. */
  async restore(record: R, actor: string): Promise<void> {
    const name = this.o.nameOf?.(record);
    if (name !== undefined) await this.claimName(name, record.id);
    await this.o.store.createIfAbsent(recordKey(this.o.kind, record.id), record);
    await this.changed(
      actor,
      this.o.clock.now().toISOString(),
      'undo',
      record.id,
      this.o.label(record),
      undefined,
      record,
    );
  }

  /**
   * Undoes an update a moment after it was written (e.g. a reference it set vanished meanwhile): every
   * field the update changed from `before` to `written` and that still holds the written value is set
   * back, as a new version (versions only grow), with a conditional write retried on conflict. Changes
   * others made meanwhile stay. Not for renames: name claims are not moved back. False if nothing was
   * left to undo.
   */
  async undoUpdate(before: R, written: R, actor: string): Promise<boolean> {
    const bookkeeping = new Set<string>([
      'id',
      'version',
      'createdAt',
      'createdBy',
      'modifiedAt',
      'modifiedBy',
    ]);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const was = before as unknown as Record<string, unknown>;
    const mine = written as unknown as Record<string, unknown>;
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.o.store.get<R>(recordKey(this.o.kind, written.id));
      if (!stored) return false;
      const current = stored.value as unknown as Record<string, unknown>;
      const fields = Object.keys(mine).filter(
        (k) => !bookkeeping.has(k) && !same(mine[k], was[k]) && same(current[k], mine[k]),
      );
      if (fields.length === 0) return false;
      const now = this.o.clock.now().toISOString();
      const undone = {
        ...current,
        ...Object.fromEntries(fields.map((k) => [k, was[k]])),
        version: stored.value.version + 1,
        modifiedAt: now,
        modifiedBy: actor,
      } as unknown as R;
      if (await this.o.store.replaceIf(recordKey(this.o.kind, written.id), stored.revision, undone)) {
        await this.changed(actor, now, 'undo', written.id, this.o.label(undone), stored.value, undone);
        return true;
      }
    }
    return false;
  }

  private async claimName(name: string, id: string): Promise<void> {
    const key = nameKey(this.o.kind, name);
    const mine: NameClaim = { id, claimedAt: this.o.clock.now().toISOString() };
    // Twice: a claim released between our create-if-absent and our read is simply free again.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.o.store.createIfAbsent(key, mine)) return;
      const claim = await this.o.store.get<NameClaim>(key);
      if (!claim) continue;
      if (claim.value.id === id) return;
      const owner = await this.findById(claim.value.id);
      if (owner) throw this.nameTaken(this.o.nameOf ? this.o.nameOf(owner) : name);
      // No record behind the claim: either another process is creating it right now (claim written,
      // record not yet) or one died mid-create. Only a claim older than the grace period is the latter.
      if (!this.claimExpired(claim.value))
        throw new ConflictError(
          'name',
          `a ${this.o.kind} named "${name}" is being created right now by someone else; look again in a moment`,
          'name-taken',
        );
      if (await this.o.store.replaceIf(key, claim.revision, mine)) return;
      throw this.nameTaken(name);
    }
    throw this.nameTaken(name);
  }

  private claimExpired(claim: NameClaim): boolean {
    if (claim.claimedAt === undefined) return true; // written before claims carried a time: old
    const age = this.o.clock.now().getTime() - Date.parse(claim.claimedAt);
    return !(age < (this.o.claimGraceMs ?? DEFAULT_CLAIM_GRACE_MS));
  }

  private nameTaken(name: string): ConflictError {
    return new ConflictError('name', `a ${this.o.kind} named "${name}" already exists`, 'name-taken');
  }

  private async releaseName(name: string, id: string): Promise<void> {
    const key = nameKey(this.o.kind, name);
    const claim = await this.o.store.get<NameClaim>(key);
    if (claim?.value.id === id) await this.o.store.deleteIf(key, claim.revision);
  }

  private stale(now: R | undefined, basedOn: number, before?: R): StaleVersionError {
    const label = this.o.label(now ?? before ?? ({} as R));
    return new StaleVersionError(this.o.kind, label, basedOn, now);
  }

  private async changed(
    actor: string,
    at: string,
    action: 'create' | 'update' | 'remove' | 'undo',
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
