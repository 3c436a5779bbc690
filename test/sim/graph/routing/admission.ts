import type { FaultKind, Knobs } from '../../knobs/index.ts';
import type { MailboxRecord } from '../../model/index.ts';
import type { AppPrincipal } from '../http/graph-request.ts';
import { GraphHttpError } from '../http/graph-response.ts';
import type { Route } from './router.ts';

/** Knob protocol names: Outlook resources share the `graph` budget table; directory calls are separate. */
export const GRAPH_PROTOCOL = 'graph';
export const DIRECTORY_PROTOCOL = 'graph-directory';

export type Admitted =
  | { kind: 'proceed'; release: () => void }
  | { kind: 'fault'; fault: FaultKind }
  | { kind: 'throttled'; error: GraphHttpError };

/** Budget key of an app and mailbox: Outlook limits apply to that pair, so other mailboxes are unaffected. */
export function mailboxBudgetKey(appId: string, mailboxId: string): string {
  return `${appId.toLowerCase()}:${mailboxId.toLowerCase()}`;
}

/**
 * Runs a request past the shared knobs (latency, faults, throttling, counters). A throttled request
 * becomes Graph's 429 with `Retry-After` in seconds (https://learn.microsoft.com/graph/throttling); the
 * Outlook concurrency limit answers with the message Exchange Online uses for it.
 */
export async function admit(
  knobs: Knobs,
  route: Route,
  app: AppPrincipal,
  mailbox: MailboxRecord | undefined,
): Promise<Admitted> {
  const outlook = route.scope === 'mailbox' && mailbox !== undefined;
  const admission = await knobs.admit({
    protocol: outlook ? GRAPH_PROTOCOL : DIRECTORY_PROTOCOL,
    operation: route.operation,
    ...(mailbox ? { mailbox: mailbox.primarySmtp } : {}),
    budgetKey: outlook ? mailboxBudgetKey(app.appId, mailbox.id) : app.appId.toLowerCase(),
  });
  switch (admission.outcome) {
    case 'proceed':
      return { kind: 'proceed', release: admission.release };
    case 'fault':
      return { kind: 'fault', fault: admission.kind };
    case 'throttled': {
      const seconds = Math.ceil(admission.backOffMs / 1000);
      const message = !outlook
        ? 'Too many requests. Please retry after the time given in the Retry-After header.'
        : admission.reason === 'rate'
          ? 'Application is over its MailboxRequestRate limit.'
          : 'Application is over its MailboxConcurrency limit.';
      const code = outlook ? 'ApplicationThrottled' : 'TooManyRequests';
      return {
        kind: 'throttled',
        error: new GraphHttpError(429, code, message, { 'Retry-After': String(seconds) }),
      };
    }
  }
}
