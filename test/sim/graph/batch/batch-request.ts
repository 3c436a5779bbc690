import { GraphHttpError } from '../http/graph-response.ts';

/**
 * The body of a `$batch` request: `{ requests: [{ id, method, url, headers?, body?, dependsOn? }] }`
 * (https://learn.microsoft.com/graph/json-batching). A malformed batch — not that shape, more than 20
 * requests, duplicate ids (ids are not case-sensitive), a dependsOn naming no request, a dependency
 * cycle, a body without a Content-Type header — fails as a whole with 400.
 */
export const MAX_BATCH_REQUESTS = 20;

export interface BatchStep {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  dependsOn: string[];
}

function invalid(message: string): GraphHttpError {
  return new GraphHttpError(400, 'BadRequest', message);
}

function bodyBytes(body: unknown, headers: Record<string, string>): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (!contentType) throw invalid('A Content-Type header is required when a request in a batch has a body.');
  // A string body of a non-JSON request is base64 (e.g. MIME content); JSON bodies are objects.
  if (typeof body === 'string' && !/json/i.test(contentType)) return Buffer.from(body, 'base64');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function step(entry: unknown): BatchStep {
  if (typeof entry !== 'object' || entry === null) throw invalid('Invalid batch payload format.');
  const e = entry as Record<string, unknown>;
  if (typeof e['id'] !== 'string' || !e['id'])
    throw invalid('Each request in a batch needs a non-empty string id.');
  if (typeof e['method'] !== 'string' || typeof e['url'] !== 'string')
    throw invalid(`Request ${e['id']} needs method and url.`);
  if (/^https?:/i.test(e['url'])) throw invalid(`Request ${e['id']}: the url must be relative, e.g. /users.`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((e['headers'] ?? {}) as Record<string, unknown>))
    headers[name] = String(value);
  const dependsOn = e['dependsOn'] ?? [];
  if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string'))
    throw invalid(`Request ${e['id']}: dependsOn must list ids.`);
  return {
    id: e['id'],
    method: e['method'].toUpperCase(),
    url: e['url'],
    headers,
    body: bodyBytes(e['body'], headers),
    dependsOn: dependsOn as string[],
  };
}

function checkDependencies(steps: readonly BatchStep[]): void {
  const byId = new Map(steps.map((s) => [s.id.toLowerCase(), s]));
  for (const s of steps) {
    for (const d of s.dependsOn)
      if (!byId.has(d.toLowerCase())) throw invalid(`Request ${s.id} depends on an unknown request ${d}.`);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: BatchStep): void => {
    const key = s.id.toLowerCase();
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') throw invalid('The dependsOn chain of the batch contains a cycle.');
    state.set(key, 'visiting');
    for (const d of s.dependsOn) visit(byId.get(d.toLowerCase()) as BatchStep);
    state.set(key, 'done');
  };
  steps.forEach(visit);
}

export function parseBatch(body: Buffer): BatchStep[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid('Invalid batch payload format.');
  }
  const requests = (parsed as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw invalid('Invalid batch payload format.');
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw invalid(
      `The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const steps = requests.map(step);
  const ids = new Set<string>();
  for (const s of steps) {
    if (ids.has(s.id.toLowerCase()))
      throw invalid(`Batch request ids must be unique; '${s.id}' appears more than once.`);
    ids.add(s.id.toLowerCase());
  }
  checkDependencies(steps);
  return steps;
}
