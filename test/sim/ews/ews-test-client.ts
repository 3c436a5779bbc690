import {
  ConnectingIdType,
  ExchangeService,
  ExchangeVersion,
  ImpersonatedUserId,
  Uri,
  WebCredentials,
  XhrApi,
} from 'ews-javascript-api';
import type { Simulator } from '../simulator.ts';
import type { XmlElement } from './xml/xml-tree.ts';
import { parseXml } from './xml/xml-tree.ts';

/**
 * Test helpers: an ews-javascript-api ExchangeService pointed at a simulator, and raw SOAP for the
 * requests the client library validates away before sending (out-of-range values, unknown elements).
 */

export interface ClientOptions {
  /** Mailbox to impersonate (ExchangeImpersonation + X-AnchorMailbox). Omit to act as the service account. */
  mailbox?: string;
  username?: string;
  password?: string;
  /** Use NTLM (@ewsjs/xhr) instead of Basic. */
  ntlm?: boolean;
  /** Use the HTTPS endpoint (self-signed certificate). */
  https?: boolean;
  version?: ExchangeVersion;
  /** Client-side request timeout (axios), since @ewsjs/xhr ignores ExchangeService.Timeout. */
  timeoutMs?: number;
  /** Leave out X-AnchorMailbox when impersonating. */
  noAnchor?: boolean;
}

export function ewsClient(sim: Simulator, options: ClientOptions = {}): ExchangeService {
  const service = new ExchangeService(options.version ?? ExchangeVersion.Exchange2013_SP1);
  service.Url = new Uri(options.https ? sim.ewsHttpsUrl : sim.ewsUrl);
  const username = options.username ?? sim.serviceAccount.username;
  const password = options.password ?? sim.serviceAccount.password;
  service.Credentials = new WebCredentials(username, password);
  if (options.mailbox) {
    service.ImpersonatedUserId = new ImpersonatedUserId(ConnectingIdType.SmtpAddress, options.mailbox);
    if (!options.noAnchor) service.HttpHeaders.Add('X-AnchorMailbox', options.mailbox);
  }
  const requestOptions: Record<string, unknown> = {};
  if (options.https) requestOptions['rejectUnauthorized'] = false;
  if (options.timeoutMs) requestOptions['timeout'] = options.timeoutMs;
  if (options.ntlm || Object.keys(requestOptions).length) {
    const xhr = new XhrApi(requestOptions);
    service.XHRApi = options.ntlm ? xhr.useNtlmAuthentication(username, password) : xhr;
  }
  return service;
}

/** Awaits a promise that must reject and returns what it rejected with (often not an Error instance). */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the request to fail, but it succeeded');
}

export interface RawResponse {
  status: number;
  text: string;
  xml: XmlElement | undefined;
}

/** Sends a hand-written SOAP body (the operation element, with m:/t: prefixes) with Basic auth. */
export async function rawSoap(
  sim: Simulator,
  operationXml: string,
  options: { mailbox?: string; version?: string; headerXml?: string } = {},
): Promise<RawResponse> {
  const impersonation = options.mailbox
    ? `<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>${options.mailbox}</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`
    : '';
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
    `<soap:Header><t:RequestServerVersion Version="${options.version ?? 'Exchange2013_SP1'}"/>${impersonation}${options.headerXml ?? ''}</soap:Header>` +
    `<soap:Body>${operationXml}</soap:Body></soap:Envelope>`;
  const auth = Buffer.from(`${sim.serviceAccount.username}:${sim.serviceAccount.password}`).toString(
    'base64',
  );
  const response = await fetch(sim.ewsUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', Authorization: `Basic ${auth}` },
    body,
  });
  const text = await response.text();
  let xml: XmlElement | undefined;
  try {
    xml = parseXml(text);
  } catch {
    xml = undefined;
  }
  return { status: response.status, text, xml };
}

/** Finds the first descendant element with a local name. */
export function find(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const c of element.children) {
    if (c.name === name) return c;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

export function findAll(element: XmlElement | undefined, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of element?.children ?? []) {
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}
