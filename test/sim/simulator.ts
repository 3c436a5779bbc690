import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createEwsRoute, EWS_PATH } from './ews/ews-route.ts';
import type { KnobPatch } from './knobs/knob-settings.ts';
import { Knobs } from './knobs/knobs.ts';
import type { MailboxModel } from './model/model.ts';
import { createModel } from './model/model.ts';
import type { PopulationOptions } from './model/population-options.ts';
import type { RouteFactory, SimulatorRoute, SimulatorServices } from './simulator-route.ts';
import { createStatsRoute, STATS_PATH } from './stats-route.ts';

export type { RouteFactory, SimulatorRoute, SimulatorServices } from './simulator-route.ts';

const CERT_DIR = path.join(import.meta.dirname, 'certs');

export interface SimulatorOptions {
  /** HTTP port on 127.0.0.1. @default 0 (any free port) */
  port?: number;
  /** HTTPS port on 127.0.0.1. @default 0 (any free port) */
  httpsPort?: number;
  /** Use this model (e.g. one shared with another simulator); otherwise one is created from `population`. */
  model?: MailboxModel;
  population?: Partial<PopulationOptions>;
  /** Clock for the created model. */
  now?: () => Date;
  /** Initial knob settings (change later with `sim.knobs.configure`). */
  knobs?: KnobPatch;
  /**
   * The service account EWS clients log on with. It holds ApplicationImpersonation by default and has
   * its own (empty) mailbox, used when a request does not impersonate.
   */
  serviceAccount?: { username?: string; password?: string; canImpersonate?: boolean; mailbox?: boolean };
  /** EWS authentication schemes. @default both */
  auth?: { basic?: boolean; ntlm?: boolean };
  /** Extra routes for the HTTPS server, e.g. the Graph endpoint's factory. */
  routes?: readonly RouteFactory[];
}

export interface Simulator {
  /** http://127.0.0.1:port/EWS/Exchange.asmx */
  ewsUrl: string;
  /** https://127.0.0.1:port/EWS/Exchange.asmx (self-signed certificate in test/sim/certs) */
  ewsHttpsUrl: string;
  /** https://127.0.0.1:port/ — base of routes mounted on the HTTPS server. */
  httpsUrl: string;
  /** http://127.0.0.1:port/sim/stats — the request counters as JSON (also served on the HTTPS port). */
  statsUrl: string;
  serviceAccount: { username: string; password: string; upn: string; mailbox?: string };
  model: MailboxModel;
  knobs: Knobs;
  certificate: { certPath: string; keyPath: string; cert: string };
  /** Unexpected exceptions inside endpoints (simulator bugs). Tests can assert it stays empty. */
  internalErrors: readonly unknown[];
  /** Mounts a route on the HTTPS server (checked before EWS). */
  mountHttps: (route: SimulatorRoute | RouteFactory) => void;
  close: () => Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function dispatcher(routes: () => readonly SimulatorRoute[], services: SimulatorServices) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes().find((r) => r.matches(url, request));
    if (!route) {
      request.resume();
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end(`No simulated endpoint at ${url.pathname}`);
      return;
    }
    Promise.resolve(route.handle(request, response)).catch((error: unknown) => {
      services.reportInternalError(error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
}

/**
 * Starts the simulated Exchange on 127.0.0.1: EWS over HTTP and HTTPS, plus any routes mounted on the
 * HTTPS server (the Graph endpoint). Call `close()` when done.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const model =
    options.model ??
    createModel({
      ...(options.population ? { population: options.population } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  const knobs = new Knobs(options.knobs ?? {});
  const internalErrors: unknown[] = [];
  const services: SimulatorServices = {
    model,
    knobs,
    reportInternalError: (error) => internalErrors.push(error),
  };

  const { domain, netbiosDomain } = model.population;
  const user = options.serviceAccount?.username ?? `${netbiosDomain}\\svc-exsync`;
  const shortName = user.includes('\\') ? user.slice(user.indexOf('\\') + 1) : user;
  const upn = `${shortName}@${domain}`;
  const password = options.serviceAccount?.password ?? 'Sim-Passw0rd!';
  const wantsMailbox = options.serviceAccount?.mailbox ?? true;
  let accountMailbox: string | undefined;
  if (wantsMailbox) {
    accountMailbox =
      model.mailbox(upn)?.primarySmtp ??
      model.addMailbox({ primarySmtp: upn, displayName: 'exsync service' }).primarySmtp;
  }
  if (!model.directory.findAccount(user, netbiosDomain)) {
    model.directory.addAccount({
      username: user.includes('\\') ? user : `${netbiosDomain}\\${user}`,
      upn,
      password,
      canImpersonate: options.serviceAccount?.canImpersonate ?? true,
      ...(accountMailbox ? { mailbox: accountMailbox } : {}),
    });
  }

  const syncStateKey = createHmac('sha256', 'exsync-sim-sync-state')
    .update(String(model.population.seedHash))
    .digest();
  const ews = createEwsRoute(services, {
    syncStateKey,
    ...(options.auth?.basic !== undefined ? { basicAuth: options.auth.basic } : {}),
    ...(options.auth?.ntlm !== undefined ? { ntlmAuth: options.auth.ntlm } : {}),
  });
  const httpsRoutes: SimulatorRoute[] = (options.routes ?? []).map((factory) => factory(services));
  const stats = createStatsRoute(services);

  const cert = readFileSync(path.join(CERT_DIR, 'cert.pem'), 'utf8');
  const key = readFileSync(path.join(CERT_DIR, 'key.pem'), 'utf8');
  const http = createHttpServer(dispatcher(() => [stats, ews], services));
  const https = createHttpsServer(
    { cert, key },
    dispatcher(() => [stats, ...httpsRoutes, ews], services),
  );
  const httpPort = await listen(http, options.port ?? 0);
  const httpsPort = await listen(https, options.httpsPort ?? 0).catch(async (error: unknown) => {
    await new Promise((resolve) => http.close(resolve));
    throw error;
  });

  return {
    ewsUrl: `http://127.0.0.1:${httpPort}${EWS_PATH}`,
    ewsHttpsUrl: `https://127.0.0.1:${httpsPort}${EWS_PATH}`,
    httpsUrl: `https://127.0.0.1:${httpsPort}/`,
    statsUrl: `http://127.0.0.1:${httpPort}${STATS_PATH}`,
    serviceAccount: { username: user, password, upn, ...(accountMailbox ? { mailbox: accountMailbox } : {}) },
    model,
    knobs,
    certificate: { certPath: path.join(CERT_DIR, 'cert.pem'), keyPath: path.join(CERT_DIR, 'key.pem'), cert },
    internalErrors,
    mountHttps: (route) => {
      httpsRoutes.push(typeof route === 'function' ? route(services) : route);
    },
    close: async () => {
      for (const server of [http, https]) server.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => http.close(resolve)),
        new Promise((resolve) => https.close(resolve)),
      ]);
    },
  };
}
