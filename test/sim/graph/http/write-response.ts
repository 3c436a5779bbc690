import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../../knobs/index.ts';
import type { GraphResponse, RequestIds } from './graph-response.ts';
import { GraphHttpError, errorResponse } from './graph-response.ts';

/** Writes a handler's answer with Graph's standard headers (`request-id`, `client-request-id`, `Date`). */
export function writeResponse(res: ServerResponse, response: GraphResponse, ids: RequestIds): void {
  if (res.headersSent || res.destroyed) return;
  const payload =
    response.body === undefined
      ? undefined
      : Buffer.isBuffer(response.body)
        ? response.body
        : Buffer.from(
            typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
            'utf8',
          );
  res.writeHead(response.status, {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId ?? ids.requestId,
    Date: new Date().toUTCString(),
    ...response.headers,
    ...(payload ? { 'Content-Length': payload.length } : {}),
  });
  res.end(payload);
}

/**
 * Renders an injected fault as a Graph client meets it: a dropped connection, a 500 or 503 error body,
 * no answer at all, or a 200 whose JSON is cut off.
 */
export function writeFault(
  kind: FaultKind,
  req: IncomingMessage,
  res: ServerResponse,
  ids: RequestIds,
  backOffSeconds: number,
): void {
  switch (kind) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'http500':
      writeResponse(
        res,
        errorResponse(new GraphHttpError(500, 'generalException', 'An internal server error occurred.'), ids),
        ids,
      );
      return;
    case 'http503':
      writeResponse(
        res,
        errorResponse(
          new GraphHttpError(503, 'serviceNotAvailable', 'The service is temporarily unavailable.', {
            'Retry-After': String(backOffSeconds),
          }),
          ids,
        ),
        ids,
      );
      return;
    case 'timeout':
      // No answer: the client times out, or the endpoint ends the response when it closes.
      return;
    case 'malformed': {
      const text = '{"@odata.context":"$metadata#Collection(message)","value":[{"id":"AAMkAD';
      writeResponse(
        res,
        { status: 200, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(text) },
        ids,
      );
      return;
    }
  }
}
