import { MailboxType, ResolveNameSearchLocation, ServiceError } from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { startSimulator } from '../simulator.ts';
import { ewsClient, find, rawSoap, rejection } from './ews-test-client.ts';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 5, foldersPerMailbox: 1, itemsPerFolder: 1, seed: 'directory' },
  });
  sim.model.addMailbox({
    primarySmtp: 'alice@example.test',
    displayName: 'Alice Anders',
    aliases: ['a.anders@example.test'],
  });
  sim.model.addContact({ primarySmtp: 'partner@partner.example', displayName: 'Partner Contact' });
  sim.model.addGroup({
    primarySmtp: 'engineering@example.test',
    displayName: 'Engineering',
    members: ['user00003@example.test', 'all-staff@example.test'],
  });
  sim.model.addGroup({
    primarySmtp: 'all-staff@example.test',
    displayName: 'All Staff',
    members: [
      'alice@example.test',
      'user00001@example.test',
      'engineering@example.test',
      'partner@partner.example',
    ],
  });
});

afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await sim.close();
});

describe('ExpandDL', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-expand-distribution-groups-by-using-ews-in-exchange-2013:
  // one level only; nested groups come back with MailboxType PublicGroup (PublicDL in the schema).
  it('expands one level and reports nested groups as PublicGroup members', async () => {
    const result = await ewsClient(sim).ExpandGroup('all-staff@example.test');
    const members = result.Members.map((m) => [m.Address, MailboxType[m.MailboxType]]);
    expect(members).toEqual([
      ['alice@example.test', 'Mailbox'],
      ['user00001@example.test', 'Mailbox'],
      ['engineering@example.test', 'PublicGroup'],
      ['partner@partner.example', 'Contact'],
    ]);
    expect(result.IncludesAllMembers).toBe(true);
  });

  it('expands a group that contains its parent (cycle) without following it', async () => {
    const result = await ewsClient(sim).ExpandGroup('engineering@example.test');
    expect(result.Members.map((m) => m.Address)).toEqual([
      'user00003@example.test',
      'all-staff@example.test',
    ]);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/expanddl-operation (error response)
  it('answers ErrorNameResolutionNoResults for an unknown group or a mailbox', async () => {
    for (const address of ['no-such-group@example.test', 'alice@example.test']) {
      const error = await rejection(ewsClient(sim).ExpandGroup(address));
      expect(error['ErrorCode']).toBe(ServiceError.ErrorNameResolutionNoResults);
    }
  });
});

describe('ResolveNames', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/resolvenames-operation:
  // one match → Success; several → Warning with the candidates; none → Error ErrorNameResolutionNoResults.
  it('resolves a unique name, lists ambiguous ones and answers nothing for unknown names', async () => {
    const service = ewsClient(sim);
    const single = await service.ResolveName('Alice Anders', ResolveNameSearchLocation.DirectoryOnly, true);
    expect(single.Count).toBe(1);
    expect(single._getItem(0).Mailbox.Address).toBe('alice@example.test');

    const several = await service.ResolveName('user0000', ResolveNameSearchLocation.DirectoryOnly, false);
    expect(several.Count).toBe(5);
    const raw = await rawSoap(
      sim,
      '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>user0000</m:UnresolvedEntry></m:ResolveNames>',
    );
    expect(find(raw.xml, 'ResolveNamesResponseMessage')?.attrs['ResponseClass']).toBe('Warning');
    expect(find(raw.xml, 'ResponseCode')?.text).toBe('ErrorNameResolutionMultipleResults');

    const none = await rawSoap(
      sim,
      '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>zz-nobody</m:UnresolvedEntry></m:ResolveNames>',
    );
    expect(find(none.xml, 'ResponseCode')?.text).toBe('ErrorNameResolutionNoResults');
  });

  // Same page: without a routing type only the primary SMTP address is matched; "smtp:" searches all addresses.
  it('matches secondary addresses only with the smtp: prefix', async () => {
    const service = ewsClient(sim);
    const plain = await rawSoap(
      sim,
      '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>a.anders@</m:UnresolvedEntry></m:ResolveNames>',
    );
    expect(find(plain.xml, 'ResponseCode')?.text).toBe('ErrorNameResolutionNoResults');
    const prefixed = await service.ResolveName(
      'smtp:a.anders@',
      ResolveNameSearchLocation.DirectoryOnly,
      false,
    );
    expect(prefixed._getItem(0).Mailbox.Address).toBe('alice@example.test');
  });
});
