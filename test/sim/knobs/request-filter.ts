/** Which requests a scripted or random fault/throttle applies to. */
export interface RequestFilter {
  protocol?: string;
  /** `Operation` or `protocol:Operation`. */
  operation?: string;
  /** Target mailbox SMTP (case-insensitive). */
  mailbox?: string;
}

export interface RequestInfo {
  protocol: string;
  operation: string;
  mailbox?: string;
}

export function matchesOperation(patterns: readonly string[] | undefined, request: RequestInfo): boolean {
  if (!patterns) return true;
  return patterns.some((p) => p === request.operation || p === `${request.protocol}:${request.operation}`);
}

export function matchesFilter(filter: RequestFilter, request: RequestInfo): boolean {
  if (filter.protocol !== undefined && filter.protocol !== request.protocol) return false;
  if (filter.operation !== undefined && !matchesOperation([filter.operation], request)) return false;
  if (filter.mailbox !== undefined && filter.mailbox.toLowerCase() !== request.mailbox?.toLowerCase())
    return false;
  return true;
}
