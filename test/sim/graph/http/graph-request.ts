import type { IncomingMessage } from 'node:http';
import type { RequestIds } from './graph-response.ts';
import { errors } from './graph-response.ts';

/** The application a bearer token was issued to (client-credentials flow: no user). */
export interface AppPrincipal {
  appId: string;
  tenantId: string;
}

/**
 * One Graph request, from the wire or from a `$batch` body. Paths are split into decoded segments
 * after the version (`/v1.0/users/x/messages` → `['users', 'x', 'messages']`).
 */
export interface GraphRequest {
  method: string;
  version: string;
  segments: string[];
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  /** `https://host:port`, for absolute `@odata.nextLink` / `@odata.deltaLink` URLs. */
  origin: string;
  ids: RequestIds;
  app?: AppPrincipal;
  /** True for a request inside a `$batch`. */
  inBatch: boolean;
}

/** Largest request body accepted (Graph's own limit for a JSON request is 4 MB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function lowerCaseHeaders(
  headers: IncomingMessage['headers'] | Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Splits a path after the version into decoded segments; `undefined` when a segment is not valid UTF-8. */
export function splitPath(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** JSON body of a request; a Graph 400 when it is not an object. */
export function jsonBody(request: GraphRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw errors.badRequest(
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  return parsed as Record<string, unknown>;
}
