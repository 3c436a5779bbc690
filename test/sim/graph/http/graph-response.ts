import { randomUUID } from 'node:crypto';

/**
 * What a Graph handler answers, before it is written to the wire or embedded in a `$batch` response.
 * Handlers return these instead of writing to the socket so the batch endpoint can run the same
 * handlers for its inner requests.
 */
export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON value (serialised on write), raw bytes, or nothing (204). */
  body?: unknown;
}

/** Graph's content type for OData JSON answers. */
export const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): GraphResponse {
  return { status, headers: { 'Content-Type': ODATA_JSON, ...headers }, body };
}

export function noContent(): GraphResponse {
  return { status: 204, headers: {} };
}

export function bytes(content: Buffer, contentType: string): GraphResponse {
  return { status: 200, headers: { 'Content-Type': contentType }, body: content };
}

/**
 * A failed request as Graph reports it (https://learn.microsoft.com/graph/errors): an HTTP status and a
 * JSON body `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`.
 */
export class GraphHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'GraphHttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export interface RequestIds {
  requestId: string;
  clientRequestId?: string;
}

export function newRequestIds(clientRequestId: string | undefined): RequestIds {
  return { requestId: randomUUID(), ...(clientRequestId ? { clientRequestId } : {}) };
}

/** Graph's `innerError.date` has no fraction and no zone designator. */
function errorDate(): string {
  return new Date().toISOString().slice(0, 19);
}

export function errorResponse(error: GraphHttpError, ids: RequestIds): GraphResponse {
  return json(
    {
      error: {
        code: error.code,
        message: error.message,
        innerError: {
          date: errorDate(),
          'request-id': ids.requestId,
          'client-request-id': ids.clientRequestId ?? ids.requestId,
        },
      },
    },
    error.status,
    error.headers,
  );
}

/** Common errors, named after what they mean to a client. */
export const errors = {
  badRequest: (message: string, code = 'BadRequest'): GraphHttpError =>
    new GraphHttpError(400, code, message),
  notFound: (message = 'The specified object was not found in the store.', code = 'ErrorItemNotFound') =>
    new GraphHttpError(404, code, message),
  malformedId: (): GraphHttpError => new GraphHttpError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.'),
  methodNotAllowed: (): GraphHttpError =>
    new GraphHttpError(
      405,
      'Request_BadRequest',
      'Specified HTTP method is not allowed for the request target.',
    ),
};
