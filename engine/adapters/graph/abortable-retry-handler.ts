import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

export interface GraphRetry {
  /** Retries of a throttled (429) or unavailable (503/504) request; Retry-After is honoured. */
  readonly maxRetries: number;
  /** Seconds to wait when the answer carries no Retry-After (doubled on each further retry). */
  readonly delaySeconds: number;
  /** Never wait longer than this for one retry. @default 180 (the Graph client's own cap) */
  readonly maxDelaySeconds?: number;
}

const RETRY_STATUS = new Set([429, 503, 504]);
/** Transient server failures: retried only for reads, where asking twice changes nothing. */
const READ_RETRY_STATUS = new Set([500, 502]);
const NETWORK_FAILURE = /ECONNRESET|socket hang up|other side closed|UND_ERR_SOCKET|fetch failed/i;

/**
 * Graph's throttling guidance (https://learn.microsoft.com/graph/throttling): on 429, 503 or 504 wait
 * as Retry-After says, then retry. It replaces the Graph client's RetryHandler, whose sleep cannot be
 * interrupted: here the request's AbortSignal (GraphRequest.option('signal', …), passed to fetch as
 * well) ends the wait at once, so a cancelled run does not sit out a long Retry-After. When the retries
 * run out the last answer is returned as it is, so the caller sees the 429. A GET that met a transient
 * failure (500, 502, a connection reset) is retried the same way with exponential back-off: the
 * replication passes read through GET only, and one flaky answer should not fail a mailbox.
 */
export class AbortableRetryHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly retry: GraphRetry) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('AbortableRetryHandler must not be the last middleware');
    const signal = context.options?.signal ?? undefined;
    const read = isRead(context);
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      try {
        await this.next.execute(context);
      } catch (error) {
        if (!read || signal?.aborted || attempt >= this.retry.maxRetries || !isNetworkFailure(error))
          throw error;
        await sleep(this.delayMs(undefined, attempt), signal);
        continue;
      }
      const response = context.response;
      if (!response) return;
      if (!RETRY_STATUS.has(response.status) && !(read && READ_RETRY_STATUS.has(response.status))) return;
      if (attempt >= this.retry.maxRetries || !replayable(context)) return;
      // The answer is dropped: free its connection before waiting.
      await response.body?.cancel().catch(() => undefined);
      await sleep(this.delayMs(response, attempt), signal);
      setHeader(context, 'Retry-Attempt', String(attempt + 1));
    }
  }

  private delayMs(response: Response | undefined, attempt: number): number {
    const cap = (this.retry.maxDelaySeconds ?? 180) * 1000;
    const header = response?.headers.get('Retry-After') ?? null;
    if (header !== null) {
      const seconds = Number(header);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : new Date(header).getTime() - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), cap);
    }
    return Math.min(this.retry.delaySeconds * 1000 * 2 ** attempt, cap);
  }
}

/** A GET, or a JSON batch of GETs (a POST to $batch only carries the requests). */
function isRead(context: Context): boolean {
  const request = typeof context.request === 'string' ? undefined : (context.request as Request);
  const method = (context.options?.method ?? request?.method ?? 'GET').toUpperCase();
  if (method === 'GET') return true;
  const url = request?.url ?? (context.request as string);
  const body = context.options?.body;
  if (method !== 'POST' || !/\/\$batch(\?|$)/.test(url) || typeof body !== 'string') return false;
  try {
    const batch = JSON.parse(body) as { requests?: { method?: string }[] };
    return (batch.requests ?? []).every((r) => (r.method ?? 'GET').toUpperCase() === 'GET');
  } catch {
    return false;
  }
}

function isNetworkFailure(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return NETWORK_FAILURE.test(
    `${String(error)} ${cause instanceof Error ? `${cause.message} ${String((cause as { code?: unknown }).code)}` : ''}`,
  );
}

/** A streamed upload cannot be sent twice; every other request (GET, JSON bodies) can. */
function replayable(context: Context): boolean {
  const body = context.options?.body;
  return !(body && typeof body === 'object' && 'getReader' in body);
}

function setHeader(context: Context, name: string, value: string): void {
  if (typeof context.request !== 'string') {
    (context.request as Request).headers.set(name, value);
    return;
  }
  const options = (context.options ??= {});
  const headers = options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else if (Array.isArray(headers)) headers.push([name, value]);
  else options.headers = { ...headers, [name]: value };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
