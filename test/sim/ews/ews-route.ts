import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../knobs/knob-settings.ts';
import type { SimulatorRoute, SimulatorServices } from '../simulator-route.ts';
import { authenticate } from './auth/authenticate.ts';
import type { EwsContext } from './context.ts';
import { resolveActingIdentity } from './impersonation.ts';
import { OPERATIONS } from './operations/registry.ts';
import { EwsError } from './protocol/ews-error.ts';
import { errorMessage, responseEnvelope } from './protocol/response-message.ts';
import { responseText } from './protocol/response-codes.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { parseRequest } from './request-envelope.ts';
import { envelope } from './soap/envelope.ts';
import { EWS_MESSAGES_NS, EWS_TYPES_NS, SOAP_ENVELOPE_NS } from './soap/namespaces.ts';
import { renderFault, schemaValidationFault, SoapFault } from './soap/soap-fault.ts';

export interface EwsRouteOptions {
  /** Accept Basic authentication. @default true */
  basicAuth?: boolean;
  /** Accept NTLM (Windows) authentication. @default true */
  ntlmAuth?: boolean;
  /** Largest request body in bytes. @default 64 MiB */
  maxRequestBytes?: number;
  /** Secret that authenticates sync states; the same secret keeps states valid across restarts. */
  syncStateKey: Buffer;
}

export const EWS_PATH = '/EWS/Exchange.asmx';

function send(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/xml; charset=utf-8',
): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

function sendFault(response: ServerResponse, fault: SoapFault): void {
  send(response, 500, envelope(renderFault(fault), false));
}

/** Renders an injected fault the way EWS clients meet it in the field. */
function renderInjectedFault(
  kind: FaultKind,
  operation: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  switch (kind) {
    case 'reset':
      request.socket.destroy();
      return;
    case 'http500':
      sendFault(
        response,
        new SoapFault('ErrorInternalServerError', responseText('ErrorInternalServerError')),
      );
      return;
    case 'http503':
      // IIS answers with its own page when the application pool queue is full.
      send(
        response,
        503,
        '<html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><hr><p>HTTP Error 503. The service is unavailable.</p></body></html>',
        'text/html; charset=us-ascii',
      );
      return;
    case 'timeout':
      // Never answer; the client times out, or the simulator closes the socket on shutdown.
      return;
    case 'malformed': {
      // A response cut off in the middle (a proxy or a crashed worker): not well-formed XML.
      const full = envelope(
        `<m:${operation}Response xmlns:m="${EWS_MESSAGES_NS}" xmlns:t="${EWS_TYPES_NS}"><m:ResponseMessages><m:${operation}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>`,
      );
      send(response, 200, full.slice(0, Math.floor(full.length * 0.8)));
      return;
    }
  }
}

/**
 * The EWS endpoint (/EWS/Exchange.asmx): authentication, SOAP parsing, impersonation, the knobs
 * (faults, throttling, latency, counters), then the operation named by the first child of soap:Body.
 */
export function createEwsRoute(services: SimulatorServices, options: EwsRouteOptions): SimulatorRoute {
  const auth = { basic: options.basicAuth ?? true, ntlm: options.ntlmAuth ?? true };
  const limit = options.maxRequestBytes ?? 64 * 1024 * 1024;
  const { model, knobs } = services;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const outcome = authenticate(request, model, auth);
    if (outcome.kind === 'challenge') {
      request.resume();
      response.writeHead(401, { 'WWW-Authenticate': outcome.wwwAuthenticate, 'Content-Length': 0 });
      response.end();
      return;
    }
    if (request.method !== 'POST') {
      request.resume();
      send(response, 405, 'Method Not Allowed', 'text/plain');
      return;
    }
    let xml: string;
    try {
      xml = await readBody(request, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        send(response, 413, 'Request Entity Too Large', 'text/plain');
        return;
      }
      throw error;
    }
    const parsed = parseRequest(xml);
    const operationName = parsed.operation.name;
    const spec = OPERATIONS[operationName];
    if (!spec) {
      throw schemaValidationFault(
        `The element 'Body' in namespace '${SOAP_ENVELOPE_NS}' has invalid child element '${operationName}'.`,
      );
    }
    const identity = resolveActingIdentity(model, outcome.account, parsed.header);
    if (identity.impersonating && !request.headers['x-anchormailbox']) knobs.counters.missingAnchorMailbox();
    const admission = await knobs.admit({
      protocol: 'ews',
      operation: operationName,
      ...(identity.mailbox ? { mailbox: identity.mailbox.primarySmtp } : {}),
      budgetKey: outcome.account.username.toLowerCase(),
    });
    if (admission.outcome === 'fault') {
      renderInjectedFault(admission.kind, operationName, request, response);
      return;
    }
    if (admission.outcome === 'throttled') {
      const code =
        admission.reason === 'concurrency'
          ? (admission.limits?.concurrencyErrorCode ?? 'ErrorServerBusy')
          : 'ErrorServerBusy';
      sendFault(
        response,
        new SoapFault(code, responseText(code), {
          values: { BackOffMilliseconds: String(admission.backOffMs) },
        }),
      );
      return;
    }
    try {
      const ctx: EwsContext = {
        model,
        knobs,
        account: outcome.account,
        mailbox: identity.mailbox,
        impersonating: identity.impersonating,
        version: parsed.version,
        request: parsed.operation,
        syncStateKey: options.syncStateKey,
      };
      let body: string;
      try {
        if (spec.needsMailbox && !ctx.mailbox) throw new EwsError('ErrorMissingEmailAddress');
        body = spec.handle(ctx);
      } catch (error) {
        if (!(error instanceof EwsError)) throw error;
        body = responseEnvelope(operationName, [errorMessage(operationName, error)]);
      }
      send(response, 200, envelope(body));
    } finally {
      admission.release();
    }
  }

  return {
    name: 'ews',
    matches: (url) => url.pathname.toLowerCase() === EWS_PATH.toLowerCase(),
    handle: async (request, response) => {
      try {
        await serve(request, response);
      } catch (error) {
        if (error instanceof SoapFault) {
          sendFault(response, error);
          return;
        }
        services.reportInternalError(error);
        sendFault(
          response,
          new SoapFault(
            'ErrorInternalServerError',
            `${responseText('ErrorInternalServerError')} ${String(error)}`,
          ),
        );
      }
    },
  };
}
