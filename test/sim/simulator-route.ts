import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knobs } from './knobs/knobs.ts';
import type { MailboxModel } from './model/model.ts';

/**
 * The extension point of the simulator: a protocol endpoint is a route mounted on the HTTP and/or HTTPS
 * server. EWS is one; the Graph endpoint (test/sim/graph/) mounts itself on the HTTPS server with
 * `startSimulator({ routes: [createGraphRoute] })` or `sim.mountHttps(route)`.
 */
export interface SimulatorServices {
  model: MailboxModel;
  knobs: Knobs;
  /** Records an unexpected exception inside an endpoint (a simulator bug); tests can assert there are none. */
  reportInternalError: (error: unknown) => void;
}

export interface SimulatorRoute {
  /** For diagnostics and 404 texts. */
  name: string;
  /** True when the route serves this request (usually a path prefix check). */
  matches: (url: URL, request: IncomingMessage) => boolean;
  handle: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
}

/** Builds a route from the simulator's shared services. */
export type RouteFactory = (services: SimulatorServices) => SimulatorRoute;
