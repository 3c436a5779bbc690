import type { MailboxRecord } from '../../model/index.ts';
import type { GraphRequest } from '../http/graph-request.ts';
import type { GraphResponse } from '../http/graph-response.ts';
import type { QueryOptions } from '../odata/query-options.ts';

export interface DirectoryContext {
  request: GraphRequest;
  params: Record<string, string>;
  options: QueryOptions;
}

export interface MailboxContext extends DirectoryContext {
  /** The mailbox named by `users/{id | userPrincipalName}`. */
  mailbox: MailboxRecord;
}

interface RouteBase {
  method: string;
  /** Segments; `:name` captures one segment. Literal segments match case-insensitively. */
  path: string;
  /** Operation name for knobs and counters (the Graph API reference page it implements). */
  operation: string;
}

/**
 * Outlook resources (mail, calendar, attachments) are throttled per app and mailbox
 * (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits); directory resources
 * (users, groups) are not part of that budget.
 */
export interface MailboxRoute extends RouteBase {
  scope: 'mailbox';
  handle(context: MailboxContext): GraphResponse | Promise<GraphResponse>;
}

export interface DirectoryRoute extends RouteBase {
  scope: 'directory';
  handle(context: DirectoryContext): GraphResponse | Promise<GraphResponse>;
}

export type Route = MailboxRoute | DirectoryRoute;

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'methodNotAllowed' }
  | { kind: 'notFound' };

/** `delta` and `microsoft.graph.delta` are the same function (https://learn.microsoft.com/graph/delta-query-overview). */
function literal(segment: string): string {
  const lower = segment.toLowerCase();
  return lower.startsWith('microsoft.graph.') ? lower.slice('microsoft.graph.'.length) : lower;
}

function matchPath(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = segments[i] as string;
    if (want.startsWith(':')) params[want.slice(1)] = got;
    else if (literal(want) !== literal(got)) return undefined;
  }
  return params;
}

export class Router {
  private readonly routes: { route: Route; pattern: string[] }[] = [];

  add(...routes: Route[]): this {
    for (const route of routes) this.routes.push({ route, pattern: route.path.split('/').filter(Boolean) });
    return this;
  }

  match(method: string, segments: readonly string[]): RouteMatch {
    let pathMatched = false;
    for (const { route, pattern } of this.routes) {
      const params = matchPath(pattern, segments);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      pathMatched = true;
    }
    return pathMatched ? { kind: 'methodNotAllowed' } : { kind: 'notFound' };
  }
}

/** Splits OData key segments: `mailFolders('AAMk')` → `mailFolders`, `AAMk`. */
export function normaliseSegments(segments: readonly string[]): string[] {
  const out: string[] = [];
  for (const segment of segments) {
    const key = /^([A-Za-z.]+)\('(.*)'\)$/.exec(segment);
    if (key?.[1] !== undefined && key[2] !== undefined) out.push(key[1], key[2].replace(/''/g, "'"));
    else out.push(segment);
  }
  return out;
}
