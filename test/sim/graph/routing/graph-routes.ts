import type { GraphServices } from '../graph-services.ts';
import { attachmentRoutes } from '../resources/attachment-routes.ts';
import { calendarRoutes } from '../resources/calendar-routes.ts';
import { eventCreateRoutes } from '../resources/event-create.ts';
import { eventUpdateRoutes } from '../resources/event-update.ts';
import { messageCreateRoutes } from '../resources/message-create.ts';
import { calendarViewDeltaRoutes } from '../resources/calendar-view-delta.ts';
import { folderDeltaRoute } from '../resources/folder-delta.ts';
import { folderRoutes } from '../resources/folder-routes.ts';
import { groupRoutes } from '../resources/group-routes.ts';
import { messageActionRoutes } from '../resources/message-actions.ts';
import { messageDeltaRoute } from '../resources/message-delta.ts';
import { messageRoutes } from '../resources/message-routes.ts';
import { userRoutes } from '../resources/user-routes.ts';
import { Router } from './router.ts';

/**
 * Every Graph route the simulator serves. Order matters where a literal segment could also be an id:
 * `mailFolders/delta` before `mailFolders/{id}`, `messages/delta` before `messages/{id}`.
 */
export function graphRouter(services: GraphServices): Router {
  return new Router()
    .add(folderDeltaRoute(services), messageDeltaRoute(services), ...calendarViewDeltaRoutes(services))
    .add(...folderRoutes(services))
    .add(...messageRoutes(services), ...messageActionRoutes(services), ...attachmentRoutes(services))
    .add(...messageCreateRoutes(services))
    .add(...calendarRoutes(services), ...eventCreateRoutes(services), ...eventUpdateRoutes(services))
    .add(...userRoutes(services), ...groupRoutes(services));
}
