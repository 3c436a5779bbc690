import type { RouteFactory } from './simulator-route.ts';

/** Where the request counters are served, on every port of the simulator. */
export const STATS_PATH = '/sim/stats';

/**
 * `GET /sim/stats`: the knobs' request counters (`CounterSnapshot`) as JSON, so that a process other
 * than the one running the simulator (the engine under `exsync`, a benchmark) can read how many requests
 * of each operation and mailbox were served, throttled or faulted. The request is not itself counted: it
 * never passes through `knobs.admit`. `DELETE /sim/stats` resets the counters.
 */
export const createStatsRoute: RouteFactory = ({ knobs }) => ({
  name: 'stats',
  matches: (url) => url.pathname === STATS_PATH,
  handle: (request, response) => {
    request.resume();
    if (request.method === 'GET') {
      const body = JSON.stringify(knobs.counterSnapshot());
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(body);
      return;
    }
    if (request.method === 'DELETE') {
      knobs.counters.reset();
      response.writeHead(204);
      response.end();
      return;
    }
    response.writeHead(405, { Allow: 'GET, DELETE', 'Content-Type': 'text/plain' });
    response.end('Use GET (read) or DELETE (reset).');
  },
});
