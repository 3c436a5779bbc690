import { Folder, ServiceError, WellKnownFolderName } from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { startSimulator } from '../simulator.ts';
import { ewsClient, rejection } from './ews-test-client.ts';

let sim: Simulator;
let mailbox: string;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 3, foldersPerMailbox: 2, itemsPerFolder: 2, seed: 'auth' },
  });
  mailbox = sim.model.mailboxAt(0)?.primarySmtp ?? '';
  sim.model.directory.addAccount({
    username: 'EXAMPLE\\helpdesk',
    upn: 'helpdesk@example.test',
    password: 'Helpdesk-1',
    canImpersonate: false,
  });
});

afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await sim.close();
});

const inboxName = async (options: Parameters<typeof ewsClient>[1]): Promise<string> =>
  (await Folder.Bind(ewsClient(sim, options), WellKnownFolderName.Inbox)).DisplayName;

describe('Authentication', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/authentication-and-ews-in-exchange
  it('accepts Basic authentication with DOMAIN\\user and with the UPN', async () => {
    expect(await inboxName({ mailbox })).toBe('Inbox');
    expect(await inboxName({ mailbox, username: sim.serviceAccount.upn })).toBe('Inbox');
  });

  it('answers 401 for a wrong password (the client rejects with SoapFaultDetails, not an Error)', async () => {
    const error = await rejection(inboxName({ mailbox, password: 'wrong' }));
    expect(error['HttpStatusCode']).toBe(401);
    expect(error instanceof Error).toBe(false);
  });

  // NTLM (MS-NLMP) through @ewsjs/xhr: NEGOTIATE → 401 CHALLENGE → AUTHENTICATE (NTLMv2 verified).
  it('accepts NTLM and rejects NTLM with a wrong password', async () => {
    expect(await inboxName({ mailbox, ntlm: true })).toBe('Inbox');
    const error = await rejection(inboxName({ mailbox, ntlm: true, password: 'wrong' }));
    expect(error['HttpStatusCode']).toBe(401);
  });

  it('serves EWS over HTTPS with the committed test certificate', async () => {
    expect(await inboxName({ mailbox, https: true })).toBe('Inbox');
    expect(await inboxName({ mailbox, https: true, ntlm: true })).toBe('Inbox');
  });
});

describe('ExchangeImpersonation', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/impersonation-and-ews-in-exchange
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorImpersonateUserDenied)
  it('denies impersonation to an account without the ApplicationImpersonation role', async () => {
    const error = await rejection(
      inboxName({ mailbox, username: 'EXAMPLE\\helpdesk', password: 'Helpdesk-1' }),
    );
    expect(error['HttpStatusCode']).toBe(500);
    expect(error['ResponseCode']).toBe(ServiceError.ErrorImpersonateUserDenied);
  });

  it('denies impersonation of a mailbox outside the management scope', async () => {
    const outside = sim.model.mailboxAt(1)?.primarySmtp ?? '';
    sim.model.updateMailbox(outside, { impersonationAllowed: false });
    const error = await rejection(inboxName({ mailbox: outside }));
    expect(error['ResponseCode']).toBe(ServiceError.ErrorImpersonateUserDenied);
    sim.model.updateMailbox(outside, { impersonationAllowed: true });
    expect(await inboxName({ mailbox: outside })).toBe('Inbox');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorNonExistentMailbox)
  it('answers ErrorNonExistentMailbox for an address without a mailbox', async () => {
    const error = await rejection(inboxName({ mailbox: 'nobody@example.test' }));
    expect(error['ResponseCode']).toBe(ServiceError.ErrorNonExistentMailbox);
  });

  it('acts on the service account mailbox without impersonation', async () => {
    const own = await Folder.Bind(ewsClient(sim), WellKnownFolderName.Inbox);
    expect(own.Id.UniqueId).toBe(sim.model.wellKnownFolder(sim.serviceAccount.mailbox ?? '', 'inbox')?.id);
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/impersonation-and-ews-in-exchange
  // (set X-AnchorMailbox when impersonating): the counters show requests that did not.
  it('accepts X-AnchorMailbox and counts impersonated requests without it', async () => {
    const before = sim.knobs.counterSnapshot().missingAnchorMailbox;
    await inboxName({ mailbox });
    expect(sim.knobs.counterSnapshot().missingAnchorMailbox).toBe(before);
    await inboxName({ mailbox, noAnchor: true });
    expect(sim.knobs.counterSnapshot().missingAnchorMailbox).toBe(before + 1);
  });
});
