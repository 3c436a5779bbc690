import http from 'node:http';
import https from 'node:https';
import ntlm from '@ewsjs/ntlm-client';
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';

/** @ewsjs/xhr's IProvider (not exported from its package root). */
type PreCallConfig = AxiosRequestConfig & { rejectUnauthorized?: boolean };

/**
 * NTLM for EWS that keeps the TLS trust we configured. @ewsjs/xhr's own NTLM provider replaces the
 * HTTPS agent on every call, dropping a pinned CA, so a private-CA Exchange fails TLS. NTLM
 * authenticates a connection, not a request: the negotiate and the authenticated request must share
 * one socket, hence one single-socket keep-alive agent per call.
 */
export class PinnedNtlmProvider {
  readonly providerName = 'ntlm';
  readonly client: AxiosInstance = axios.create();
  private readonly user: string;
  private readonly domain: string;

  constructor(
    username: string,
    private readonly password: string,
    private readonly ca: Buffer | undefined,
    /** The negotiate request's own timeout (the authenticated request carries the XhrApi's). */
    private readonly timeoutMs: number,
  ) {
    const [domain, user] = username.includes('\\') ? username.split('\\', 2) : ['', username];
    this.domain = (domain ?? '').toUpperCase();
    this.user = user ?? username;
  }

  async preCall(options: PreCallConfig): Promise<AxiosRequestConfig> {
    const agents = {
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 1, ...(this.ca ? { ca: this.ca } : {}) }),
    };
    const headers = { ...(options.headers as Record<string, string>), Connection: 'keep-alive' };
    const negotiate: AxiosRequestConfig = {
      url: options.url,
      method: 'GET',
      ...agents,
      headers: { ...headers, Authorization: ntlm.createType1Message('.', this.domain) },
      validateStatus: () => true,
      timeout: this.timeoutMs,
    };
    const challenge = await this.client.request(negotiate);
    const header = challenge.headers['www-authenticate'] as string | undefined;
    if (!header || !/^NTLM /i.test(header))
      throw new Error(`EWS did not offer NTLM (HTTP ${challenge.status})`);
    const authenticate = ntlm.createType3Message(
      ntlm.decodeType2Message(header),
      this.user,
      this.password,
      '.',
      this.domain,
    );
    const { rejectUnauthorized: _ignored, ...rest } = options;
    return { ...rest, ...agents, headers: { ...headers, Authorization: authenticate, Connection: 'Close' } };
  }
}
