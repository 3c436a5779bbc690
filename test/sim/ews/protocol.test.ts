import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { startSimulator } from '../simulator.ts';
import { find, rawSoap } from './ews-test-client.ts';

let sim: Simulator;
let mailbox: string;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 1, foldersPerMailbox: 1, itemsPerFolder: 1, seed: 'protocol' },
  });
  mailbox = sim.model.mailboxAt(0)?.primarySmtp ?? '';
});

afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await sim.close();
});

const getInbox =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

describe('SOAP envelope and HTTP', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/authentication-and-ews-in-exchange
  it('challenges unauthenticated requests with Negotiate, NTLM and Basic', async () => {
    const response = await fetch(sim.ewsUrl, {
      method: 'POST',
      body: '<x/>',
      headers: { 'Content-Type': 'text/xml' },
    });
    expect(response.status).toBe(401);
    const offered = response.headers.get('www-authenticate') ?? '';
    expect(offered).toContain('NTLM');
    expect(offered).toContain('Basic');
  });

  it('answers only on /EWS/Exchange.asmx', async () => {
    const response = await fetch(sim.ewsUrl.replace('/EWS/Exchange.asmx', '/owa/'), {
      method: 'POST',
      body: '',
    });
    expect(response.status).toBe(404);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorSchemaValidation)
  it('rejects XML that is not well formed, and unknown operations, with ErrorSchemaValidation faults', async () => {
    const broken = await rawSoap(sim, '<m:GetFolder><m:FolderShape>', { mailbox });
    expect(broken.status).toBe(500);
    expect(find(broken.xml, 'ResponseCode')?.text).toBe('ErrorSchemaValidation');
    expect(find(broken.xml, 'LineNumber')?.text).toBeDefined();
    const unknown = await rawSoap(sim, '<m:FrobnicateItem/>', { mailbox });
    expect(unknown.status).toBe(500);
    expect(find(unknown.xml, 'ResponseCode')?.text).toBe('ErrorSchemaValidation');
    const missingShape = await rawSoap(sim, '<m:GetItem><m:ItemIds/></m:GetItem>', { mailbox });
    expect(find(missingShape.xml, 'ResponseCode')?.text).toBe('ErrorSchemaValidation');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/requestserverversion
  it('refuses an unknown RequestServerVersion', async () => {
    const response = await rawSoap(sim, getInbox, { mailbox, version: 'Exchange1999' });
    expect(response.status).toBe(500);
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorInvalidServerVersion');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorInvalidExchangeImpersonationHeaderData)
  it('refuses an ExchangeImpersonation header that names no one', async () => {
    const response = await rawSoap(sim, getInbox, {
      headerXml:
        '<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress> </t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>',
    });
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorInvalidExchangeImpersonationHeaderData');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/serverversioninfo
  it('answers in the envelope Exchange uses, with ServerVersionInfo', async () => {
    const response = await rawSoap(sim, getInbox, { mailbox });
    expect(response.status).toBe(200);
    expect(
      response.text.startsWith(
        '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">',
      ),
    ).toBe(true);
    expect(find(response.xml, 'ServerVersionInfo')?.attrs['MajorVersion']).toBe('15');
    expect(find(response.xml, 'GetFolderResponseMessage')?.attrs['ResponseClass']).toBe('Success');
  });
});
