import type { FaultKind, Knobs } from '../../knobs/index.ts';
import type { MailboxModel, MailboxRecord } from '../../model/index.ts';
import type { GraphRequest } from '../http/graph-request.ts';
import type { GraphResponse } from '../http/graph-response.ts';
import { errorResponse, GraphHttpError } from '../http/graph-response.ts';
import { toGraphError } from '../http/model-errors.ts';
import { parseQueryOptions } from '../odata/query-options.ts';
import { admit } from './admission.ts';
import type { Router } from './router.ts';
import { normaliseSegments } from './router.ts';

export type DispatchResult =
  { kind: 'response'; response: GraphResponse } | { kind: 'fault'; fault: FaultKind };

const VERSIONS = new Set(['v1.0', 'beta']);

/**
 * Runs one authenticated Graph request (from the wire or from a `$batch`): route, resolve the mailbox,
 * pass the knobs, call the handler, turn refusals into Graph error bodies.
 */
export class GraphDispatcher {
  constructor(
    private readonly model: MailboxModel,
    private readonly knobs: Knobs,
    private readonly router: Router,
    /** Unexpected exceptions (simulator bugs); the client gets a 500. */
    private readonly onInternalError: (error: unknown) => void,
  ) {}

  async dispatch(request: GraphRequest): Promise<DispatchResult> {
    try {
      return await this.run(request);
    } catch (error) {
      const graphError = toGraphError(error);
      if (!graphError) this.onInternalError(error);
      const reported =
        graphError ??
        new GraphHttpError(500, 'generalException', `An internal server error occurred. ${String(error)}`);
      return { kind: 'response', response: errorResponse(reported, request.ids) };
    }
  }

  private resolveMailbox(idOrUpn: string): MailboxRecord {
    const mailbox = this.model.mailbox(idOrUpn);
    if (!mailbox)
      throw new GraphHttpError(404, 'ErrorInvalidUser', `The requested user '${idOrUpn}' is invalid.`);
    // An application access policy that leaves the mailbox out answers like this
    // (https://learn.microsoft.com/graph/auth-limit-mailbox-access).
    if (!mailbox.impersonationAllowed) {
      throw new GraphHttpError(
        403,
        'ErrorAccessDenied',
        'Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings.',
      );
    }
    return mailbox;
  }

  private async run(request: GraphRequest): Promise<DispatchResult> {
    if (!VERSIONS.has(request.version))
      throw new GraphHttpError(400, 'BadRequest', `Invalid version: ${request.version}`);
    const app = request.app;
    if (!app) throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const segments = normaliseSegments(request.segments);
    if (segments[0]?.toLowerCase() === 'me') {
      throw new GraphHttpError(
        400,
        'BadRequest',
        '/me request is only valid with delegated authentication flow.',
      );
    }
    const match = this.router.match(request.method, segments);
    if (match.kind === 'notFound') {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Resource not found for the segment '${segments.at(-1) ?? ''}'.`,
      );
    }
    if (match.kind === 'methodNotAllowed') {
      throw new GraphHttpError(
        405,
        'Request_BadRequest',
        'Specified HTTP method is not allowed for the request target.',
      );
    }
    const { route, params } = match;
    const mailbox = route.scope === 'mailbox' ? this.resolveMailbox(params['user'] ?? '') : undefined;
    const options = parseQueryOptions(request);
    const admitted = await admit(this.knobs, route, app, mailbox);
    if (admitted.kind === 'fault') return { kind: 'fault', fault: admitted.fault };
    if (admitted.kind === 'throttled')
      return { kind: 'response', response: errorResponse(admitted.error, request.ids) };
    try {
      const context = { request, params, options };
      const response =
        route.scope === 'mailbox'
          ? await route.handle({ ...context, mailbox: mailbox ?? this.resolveMailbox(params['user'] ?? '') })
          : await route.handle(context);
      return { kind: 'response', response };
    } finally {
      admitted.release();
    }
  }
}
