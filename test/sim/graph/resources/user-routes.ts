import type { MailboxRecord } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { GraphHttpError, json } from '../http/graph-response.ts';
import { equalityLiteral, matchesFilter } from '../odata/filter-eval.ts';
import type { QueryOptions } from '../odata/query-options.ts';
import { applySelect } from '../odata/select.ts';
import type { DirectoryContext, DirectoryRoute } from '../routing/router.ts';
import { defaultUserJson, userJson } from '../serialize/directory-json.ts';
import { directoryPage } from './directory-paging.ts';

/**
 * Users: get by id or userPrincipalName (https://learn.microsoft.com/graph/api/user-get), and list with
 * `$filter` such as `mail eq '…'` (https://learn.microsoft.com/graph/api/user-list). A user that does
 * not exist is 404 `Request_ResourceNotFound`.
 */
export function notFoundResource(id: string): GraphHttpError {
  return new GraphHttpError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function renderUser(mailbox: MailboxRecord, options: QueryOptions): Record<string, unknown> {
  const full = userJson(mailbox);
  return options.select ? applySelect(full, options.select) : defaultUserJson(full);
}

function* candidates(services: GraphServices, options: QueryOptions): Generator<MailboxRecord> {
  const filter = options.filter;
  const exact = filter
    ? (equalityLiteral(filter, 'mail') ?? equalityLiteral(filter, 'userPrincipalName'))
    : undefined;
  if (typeof exact === 'string') {
    // Index lookup; `mail` matches the primary address only, as in Entra ID.
    const mailbox = services.model.mailbox(exact);
    if (mailbox && mailbox.primarySmtp.toLowerCase() === exact.toLowerCase()) yield mailbox;
    return;
  }
  for (const mailbox of services.model.mailboxes()) {
    if (!filter || matchesFilter(filter, userJson(mailbox))) yield mailbox;
  }
}

export function userRoutes(services: GraphServices): DirectoryRoute[] {
  return [
    {
      method: 'GET',
      path: 'users',
      operation: 'user-list',
      scope: 'directory',
      handle: (context: DirectoryContext) => {
        const page = directoryPage(services, context, 'users', () =>
          [...candidates(services, context.options)].map((m) => m.id),
        );
        const value = page.ids.flatMap((id) => {
          const mailbox = services.model.mailbox(id);
          return mailbox ? [renderUser(mailbox, context.options)] : [];
        });
        return json({ ...page.links, value });
      },
    },
    {
      method: 'GET',
      path: 'users/:user',
      operation: 'user-get',
      scope: 'directory',
      handle: (context: DirectoryContext) => {
        const id = context.params['user'] ?? '';
        const mailbox = services.model.mailbox(id);
        if (!mailbox) throw notFoundResource(id);
        return json(renderUser(mailbox, context.options));
      },
    },
  ];
}
