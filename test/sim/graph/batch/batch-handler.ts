import type { GraphRequest } from '../http/graph-request.ts';
import { lowerCaseHeaders, splitPath } from '../http/graph-request.ts';
import type { GraphResponse } from '../http/graph-response.ts';
import { GraphHttpError, json, newRequestIds } from '../http/graph-response.ts';
import type { DispatchResult, GraphDispatcher } from '../routing/dispatch.ts';
import { parseBatch } from './batch-request.ts';
import type { BatchStep } from './batch-request.ts';

/**
 * JSON batching (https://learn.microsoft.com/graph/json-batching): up to 20 requests in one POST to
 * `/$batch`; the batch answers 200 even when items fail, each item has its own status; responses may
 * come in any order (here: the order they finish in); an item whose `dependsOn` request failed gets
 * 424. Each item passes the throttling knobs on its own and can fail with its own 429. Outlook runs at
 * most 4 items of a batch at a time (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits-for-json-batching).
 */
const PARALLEL_ITEMS = 4;

const FAULT_STATUS = { http500: 500, http503: 503, timeout: 504, reset: 502, malformed: 500 } as const;

function itemResponse(step: BatchStep, result: DispatchResult): Record<string, unknown> {
  if (result.kind === 'fault') {
    const status = FAULT_STATUS[result.fault];
    const body = {
      error: {
        code: status === 503 ? 'serviceNotAvailable' : 'generalException',
        message: 'The service failed to process the request.',
      },
    };
    return { id: step.id, status, headers: { 'Content-Type': 'application/json' }, body };
  }
  const response: GraphResponse = result.response;
  const body = Buffer.isBuffer(response.body) ? response.body.toString('base64') : response.body;
  return {
    id: step.id,
    status: response.status,
    headers: response.headers,
    ...(body !== undefined ? { body } : {}),
  };
}

function innerRequest(outer: GraphRequest, step: BatchStep): GraphRequest {
  const [path = '', query = ''] = step.url.replace(/^\//, '').split(/\?(.*)/s, 2);
  const segments = splitPath(path);
  if (!segments) throw new GraphHttpError(400, 'BadRequest', `Invalid request URL '${step.url}'.`);
  // BatchRequestContent (the official client) sends `/v1.0/users/…` for absolute request URLs.
  if (segments[0] === outer.version) segments.shift();
  const headers = lowerCaseHeaders(step.headers);
  return {
    method: step.method,
    version: outer.version,
    segments,
    query: new URLSearchParams(query),
    headers,
    body: step.body,
    origin: outer.origin,
    ids: newRequestIds(headers['client-request-id']),
    ...(outer.app ? { app: outer.app } : {}),
    inBatch: true,
  };
}

export async function handleBatch(outer: GraphRequest, dispatcher: GraphDispatcher): Promise<GraphResponse> {
  const steps = parseBatch(outer.body);
  // Every item's outcome is a promise known up front, so dependsOn may name items listed later.
  const outcomes = new Map<
    string,
    { promise: Promise<Record<string, unknown>>; resolve: (r: Record<string, unknown>) => void }
  >();
  for (const step of steps) {
    let resolve: (r: Record<string, unknown>) => void = () => {};
    const promise = new Promise<Record<string, unknown>>((r) => (resolve = r));
    outcomes.set(step.id.toLowerCase(), { promise, resolve });
  }
  const finished: Record<string, unknown>[] = [];
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async (): Promise<() => void> => {
    while (running >= PARALLEL_ITEMS) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    return () => {
      running--;
      waiting.shift()?.();
    };
  };
  const run = async (step: BatchStep): Promise<Record<string, unknown>> => {
    const dependencies = await Promise.all(
      step.dependsOn.map((id) => outcomes.get(id.toLowerCase())?.promise ?? Promise.resolve(undefined)),
    );
    if (dependencies.some((d) => !d || Number(d['status']) >= 400)) {
      return {
        id: step.id,
        status: 424,
        headers: {},
        body: { error: { code: 'FailedDependency', message: 'A dependency of this request failed.' } },
      };
    }
    const release = await slot();
    try {
      return itemResponse(step, await dispatcher.dispatch(innerRequest(outer, step)));
    } catch (error) {
      if (!(error instanceof GraphHttpError)) throw error;
      return {
        id: step.id,
        status: error.status,
        headers: {},
        body: { error: { code: error.code, message: error.message } },
      };
    } finally {
      release();
    }
  };
  await Promise.all(
    steps.map(async (step) => {
      const response = await run(step);
      finished.push(response);
      outcomes.get(step.id.toLowerCase())?.resolve(response);
    }),
  );
  return json({ responses: finished });
}
