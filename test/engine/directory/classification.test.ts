/**
 * What counts as a mailbox, on entries the test DC and the simulator cannot produce: Exchange's
 * msExchRecipientTypeDetails (shared/room mailboxes with disabled accounts, mail users), computers, and
 * Entra users that are disabled or have no mail.
 */
import type { Entry } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { classify, objectGuid } from '../../../engine/adapters/directory/active-directory/ad-entry.ts';
import { recordGraphMember } from '../../../engine/adapters/directory/microsoft-365/graph-objects.ts';
import { ResolutionBuilder } from '../../../engine/adapters/directory/resolution-builder.ts';

const user = (attributes: Record<string, string | string[]>): Entry => ({
  dn: 'CN=x,DC=contoso,DC=com',
  objectClass: ['top', 'person', 'organizationalPerson', 'user'],
  userAccountControl: '512',
  ...attributes,
});

describe('Active Directory entries', () => {
  it('formats objectGUID as AD tools show it (first three fields little-endian)', () => {
    const bytes = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    expect(objectGuid({ dn: 'x', objectGUID: bytes })).toBe('33221100-5544-7766-8899-aabbccddeeff');
  });

  it('takes the primary address from the SMTP: proxy address, lower-cased', () => {
    const entry = user({
      mail: 'old@contoso.com',
      proxyAddresses: ['smtp:old@contoso.com', 'SMTP:Jane.Doe@Contoso.com'],
    });
    expect(classify(entry)).toMatchObject({ kind: 'mailbox', mailbox: { email: 'jane.doe@contoso.com' } });
  });

  it('names a shared mailbox whose account is disabled, and leaves out mail users and computers', () => {
    expect(
      classify(
        user({ mail: 'desk@contoso.com', userAccountControl: '514', msExchRecipientTypeDetails: '4' }),
      ),
    ).toEqual({
      kind: 'skip',
      reason: 'account disabled',
      detail: 'shared mailbox desk@contoso.com, whose account is disabled by design',
    });
    expect(classify(user({ mail: 'ext@contoso.com', msExchRecipientTypeDetails: '128' }))).toMatchObject({
      kind: 'skip',
      reason: 'no mailbox',
    });
    expect(
      classify(user({ objectClass: ['top', 'person', 'user', 'computer'], mail: 'pc@contoso.com' })),
    ).toEqual({
      kind: 'skip',
      reason: 'not a user',
      detail: 'computer account',
    });
    expect(classify({ dn: 'x', objectClass: ['top', 'foreignSecurityPrincipal'] })).toEqual({
      kind: 'skip',
      reason: 'not a user',
      detail: 'a foreignSecurityPrincipal object',
    });
  });
});

describe('Microsoft 365 directory objects', () => {
  it('keeps enabled users with mail and says why the rest are left out', () => {
    const builder = new ResolutionBuilder('Microsoft 365 group team@contoso.com', { now: () => new Date(0) });
    recordGraphMember(builder, {
      '@odata.type': '#microsoft.graph.user',
      id: '1',
      mail: 'A@contoso.com',
      displayName: 'A',
    });
    recordGraphMember(builder, {
      '@odata.type': '#microsoft.graph.user',
      id: '2',
      mail: 'b@contoso.com',
      accountEnabled: false,
    });
    recordGraphMember(builder, {
      '@odata.type': '#microsoft.graph.user',
      id: '3',
      mail: null,
      userPrincipalName: 'c@contoso.com',
    });
    recordGraphMember(builder, { '@odata.type': '#microsoft.graph.device', id: '4', displayName: 'Kiosk 7' });
    recordGraphMember(builder, {
      '@odata.type': '#microsoft.graph.group',
      id: '5',
      mail: 'nested@contoso.com',
    });
    const r = builder.finish();
    expect(r.mailboxes).toEqual([{ email: 'a@contoso.com', displayName: 'A', directoryId: '1' }]);
    expect(r.skipped).toEqual([
      { entry: 'b@contoso.com', reason: 'account disabled' },
      { entry: 'c@contoso.com', reason: 'no mailbox', detail: 'the user has no e-mail address' },
      { entry: 'Kiosk 7', reason: 'not a user', detail: 'a device' },
    ]);
  });
});
