import { readFileSync } from 'node:fs';
import https from 'node:https';
import {
  ConnectingIdType,
  ExchangeService,
  ExchangeVersion,
  ImpersonatedUserId,
  Uri,
  WebCredentials,
} from 'ews-javascript-api';
import { XhrApi } from '@ewsjs/xhr';
import { PinnedNtlmProvider } from './pinned-ntlm-provider.ts';
import type { EwsSettings } from '../../site-config/index.ts';

export interface EwsTuning {
  /**
   * Give up on a request that gets no answer after this long. @ewsjs/xhr ignores ExchangeService.Timeout
   * and waits forever by default; 100 s is the EWS Managed API's default Timeout.
   */
  readonly timeoutMs?: number;
}

/**
 * Builds ExchangeService objects for one site's EWS settings. A service object carries the mailbox it
 * impersonates, so each call gets its own; the transport (NTLM handshake state, TLS trust) is shared.
 */
export class EwsConnection {
  private readonly xhr: XhrApi;

  constructor(
    private readonly settings: EwsSettings,
    private readonly password: string,
    tuning: EwsTuning = {},
  ) {
    const ca = settings.caFile ? readFileSync(settings.caFile) : undefined;
    const timeout = tuning.timeoutMs ?? 100_000;
    // Compressed responses must be decoded or NTLM replies come back garbled (ews-javascript-api issue #334).
    const xhr = new XhrApi({
      decompress: true,
      timeout,
      ...(ca ? { httpsAgent: new https.Agent({ ca, keepAlive: true }) } : {}),
    });
    // Structurally @ewsjs/xhr's IProvider; its typings come from its own copy of axios's types.
    type Provider = Parameters<XhrApi['setAuthProvider']>[0];
    if (settings.auth === 'ntlm')
      xhr.setAuthProvider(
        new PinnedNtlmProvider(settings.username, password, ca, timeout) as unknown as Provider,
      );
    this.xhr = xhr;
  }

  /** A service acting for `mailbox` (impersonating it when the site is configured to). */
  serviceFor(mailbox: string): ExchangeService {
    const service = new ExchangeService(ExchangeVersion[this.settings.version]);
    service.Url = new Uri(this.settings.url);
    service.Credentials = new WebCredentials(this.settings.username, this.password);
    service.XHRApi = this.xhr;
    if (this.settings.impersonation) {
      service.ImpersonatedUserId = new ImpersonatedUserId(ConnectingIdType.SmtpAddress, mailbox);
      // Routes the request to the mailbox's server; without it impersonated calls are slow or fail.
      service.HttpHeaders.Add('X-AnchorMailbox', mailbox);
    }
    return service;
  }
}
