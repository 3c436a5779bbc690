import { ExsyncError } from '../../errors/exsync-error.ts';
import type { SkippedEntry } from '../../ports/directory.ts';

/**
 * Everything that can stop a directory lookup, each with a stable `code` and a message that tells the
 * admin what to change. `refused` (ExsyncError) is true when the fix is the admin's (a setting, a DN, a
 * permission) and false for outages worth retrying (the DC is down, Graph keeps throttling).
 */
export type DirectoryErrorCode =
  | 'directory-unreachable'
  | 'directory-tls'
  | 'directory-bad-credentials'
  | 'directory-access-denied'
  | 'directory-group-not-found'
  | 'directory-dn-malformed'
  | 'directory-empty-target'
  | 'directory-truncated'
  | 'directory-unsupported-target'
  | 'directory-config'
  | 'directory-throttled'
  | 'directory-catalog-missing'
  | 'directory-cancelled'
  | 'directory-failed';

export abstract class DirectoryError extends ExsyncError {
  abstract override readonly code: DirectoryErrorCode;
}

/** The DC or Graph did not answer: wrong URL, host down, firewall, timeout. Retrying later may work. */
export class DirectoryUnreachableError extends DirectoryError {
  readonly code = 'directory-unreachable';
  override readonly refused = false;
}

/** The TLS handshake failed: certificate not trusted, wrong name, or TLS not offered. */
export class DirectoryTlsError extends DirectoryError {
  readonly code = 'directory-tls';
}

/** The bind account or app secret was rejected. */
export class DirectoryBadCredentialsError extends DirectoryError {
  readonly code = 'directory-bad-credentials';
}

/** The account authenticated but may not read what was asked (or the DC demands signing/TLS). */
export class DirectoryAccessDeniedError extends DirectoryError {
  readonly code = 'directory-access-denied';
}

export class GroupNotFoundError extends DirectoryError {
  readonly code = 'directory-group-not-found';

  constructor(
    readonly group: string,
    message: string,
  ) {
    super(message);
  }
}

export class DnMalformedError extends DirectoryError {
  readonly code = 'directory-dn-malformed';

  constructor(
    readonly dn: string,
    readonly reason: string,
  ) {
    super(
      `${JSON.stringify(dn.length > 120 ? `${dn.slice(0, 117)}...` : dn)} is not a valid distinguished name (RFC 4514): ${reason}`,
    );
  }
}

/** A target that yields no mailbox is an error shown on the task, never an empty success. */
export class EmptyTargetError extends DirectoryError {
  readonly code = 'directory-empty-target';

  constructor(
    readonly target: string,
    readonly skipped: readonly SkippedEntry[],
  ) {
    super(`${target} resolved to no mailbox${summariseSkipped(skipped)}; check the target or its members`);
  }
}

/** The directory stopped a search early (size or admin limit): an incomplete membership is never used. */
export class DirectoryTruncatedError extends DirectoryError {
  readonly code = 'directory-truncated';
  override readonly refused = false;
}

/** The target kind cannot be resolved by this site's directory type. */
export class UnsupportedTargetError extends DirectoryError {
  readonly code = 'directory-unsupported-target';
}

/** A directory setting that looked valid cannot be used (a CA file that cannot be read, ...). */
export class DirectoryConfigError extends DirectoryError {
  readonly code = 'directory-config';
}

export class DirectoryThrottledError extends DirectoryError {
  readonly code = 'directory-throttled';
  override readonly refused = false;
}

/** No group catalog in the store for the site (it has not published one yet, or it cannot be read). */
export class GroupCatalogMissingError extends DirectoryError {
  readonly code = 'directory-catalog-missing';
}

/**
 * The caller aborted the operation (a run was cancelled while its target was being resolved). Neither
 * the admin's fault nor an outage; the connection was closed, so the DC or Graph stops working on it.
 */
export class DirectoryCancelledError extends DirectoryError {
  readonly code = 'directory-cancelled';
  override readonly refused = false;
}

/** Any other failure the directory reported, with its own words. */
export class DirectoryOperationError extends DirectoryError {
  readonly code = 'directory-failed';
  override readonly refused = false;
}

function summariseSkipped(skipped: readonly SkippedEntry[]): string {
  if (skipped.length === 0) return ' (it has no members)';
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${reason}`);
  const first = skipped
    .slice(0, 3)
    .map((s) => `${s.entry}: ${s.reason}`)
    .join('; ');
  return `: ${skipped.length} skipped (${parts.join(', ')}), e.g. ${first}`;
}
