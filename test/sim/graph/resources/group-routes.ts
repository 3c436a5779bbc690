import type { DistributionGroup } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { GraphHttpError, json } from '../http/graph-response.ts';
import { equalityLiteral, matchesFilter } from '../odata/filter-eval.ts';
import { queryParam } from '../odata/query-options.ts';
import { applySelect } from '../odata/select.ts';
import type { DirectoryContext, DirectoryRoute } from '../routing/router.ts';
import { groupJson } from '../serialize/directory-json.ts';
import { directoryPage } from './directory-paging.ts';
import { flattenMembers, memberJson } from './group-members.ts';
import { notFoundResource } from './user-routes.ts';

/**
 * Groups: list with `$filter=mail eq '…'` (no match is an empty `value`,
 * https://learn.microsoft.com/graph/api/group-list), get by id (unknown: 404 Request_ResourceNotFound,
 * not a GUID: 400), direct members and transitive members — a flat list of every nested member, nested
 * groups included (https://learn.microsoft.com/graph/api/group-list-transitivemembers). Casting to
 * `microsoft.graph.user` needs the advanced query parameters (`ConsistencyLevel: eventual`, `$count=true`).
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function findGroup(services: GraphServices, id: string): DistributionGroup {
  if (!GUID.test(id))
    throw new GraphHttpError(400, 'Request_BadRequest', `Invalid object identifier '${id}'.`);
  const group = services.model.directory.allGroups().find((g) => g.id.toLowerCase() === id.toLowerCase());
  if (!group) throw notFoundResource(id);
  return group;
}

function checkAdvancedQuery(context: DirectoryContext): void {
  const eventual = context.request.headers['consistencylevel']?.toLowerCase() === 'eventual';
  const count = queryParam(context.request.query, '$count')?.toLowerCase() === 'true';
  if (!eventual || !count) {
    throw new GraphHttpError(
      400,
      'Request_UnsupportedQuery',
      'The specified OData type cast requires the ConsistencyLevel header set to eventual and $count=true (advanced query capabilities).',
    );
  }
}

function membersRoute(
  services: GraphServices,
  path: string,
  operation: string,
  transitive: boolean,
  userCast: boolean,
): DirectoryRoute {
  return {
    method: 'GET',
    path,
    operation,
    scope: 'directory',
    handle: (context) => {
      if (userCast) checkAdvancedQuery(context);
      const group = findGroup(services, context.params['group'] ?? '');
      const page = directoryPage(services, context, `${operation}:${group.id}`, () =>
        flattenMembers(services, group, transitive).filter((ref) => {
          if (userCast && !ref.startsWith('user:')) return false;
          return !context.options.filter || matchesFilter(context.options.filter, memberJson(services, ref));
        }),
      );
      const value = page.ids.map((ref) => applySelect(memberJson(services, ref), context.options.select));
      return json({ ...page.links, value });
    },
  };
}

export function groupRoutes(services: GraphServices): DirectoryRoute[] {
  const directory = services.model.directory;
  return [
    {
      method: 'GET',
      path: 'groups',
      operation: 'group-list',
      scope: 'directory',
      handle: (context) => {
        const filter = context.options.filter;
        const mail = filter ? equalityLiteral(filter, 'mail') : undefined;
        const groups =
          typeof mail === 'string'
            ? [directory.group(mail)].filter((g): g is DistributionGroup => g !== undefined)
            : directory.allGroups().filter((g) => !filter || matchesFilter(filter, groupJson(g)));
        const page = directoryPage(services, context, 'groups', () => groups.map((g) => g.id));
        const value = page.ids.flatMap((id) => {
          const group = directory.allGroups().find((g) => g.id === id);
          return group ? [applySelect(groupJson(group), context.options.select)] : [];
        });
        return json({ ...page.links, value });
      },
    },
    {
      method: 'GET',
      path: 'groups/:group',
      operation: 'group-get',
      scope: 'directory',
      handle: (context) =>
        json(
          applySelect(groupJson(findGroup(services, context.params['group'] ?? '')), context.options.select),
        ),
    },
    membersRoute(services, 'groups/:group/members', 'group-list-members', false, false),
    membersRoute(services, 'groups/:group/members/microsoft.graph.user', 'group-list-members', false, true),
    membersRoute(services, 'groups/:group/transitiveMembers', 'group-list-transitivemembers', true, false),
    membersRoute(
      services,
      'groups/:group/transitiveMembers/microsoft.graph.user',
      'group-list-transitivemembers',
      true,
      true,
    ),
  ];
}
