import { EwsConnection } from '../../../engine/adapters/ews/ews-connection.ts';
import { EwsMailbox } from '../../../engine/adapters/ews/ews-mailbox.ts';
import type { EwsSettings } from '../../../engine/site-config/index.ts';
import { startSimulator } from '../../sim/simulator.ts';
import { ewsMailboxUser } from '../../sim/user/ews-mailbox-user.ts';
import { CONTRACT_POPULATION, describeMailboxPortContract } from './mailbox-port.contract.ts';
import { ewsCalendarWriter } from './support/ews-calendar-writer.ts';

describeMailboxPortContract('EWS (ews-javascript-api, NTLM, impersonation)', async () => {
  const sim = await startSimulator({ population: CONTRACT_POPULATION });
  const settings: EwsSettings = {
    type: 'ews',
    url: sim.ewsUrl,
    auth: 'ntlm',
    username: sim.serviceAccount.username,
    passwordEnv: 'UNUSED',
    impersonation: true,
    version: 'Exchange2016',
  };
  return {
    sim,
    protocol: 'ews',
    listingOperation: 'SyncFolderHierarchy',
    itemSyncOperation: 'SyncFolderItems',
    calendarDetailOperation: 'GetItem',
    calendarWriter: () => ewsCalendarWriter(sim),
    itemId: (item) => item.id,
    reportsCreations: true,
    reportsReadFlagChanges: true,
    limitHierarchyResponses: (size) =>
      sim.knobs.configure({ throttling: { limits: { ews: { hierarchySyncLimit: size } } } }),
    user: (mailbox) => ewsMailboxUser(sim, mailbox),
    adapter: () => new EwsMailbox(new EwsConnection(settings, sim.serviceAccount.password)),
    adapterWithWrongSecret: () => new EwsMailbox(new EwsConnection(settings, 'not the password')),
    // ErrorServerBusy carries BackOffMilliseconds as it is.
    serverWaitMs: (backOffMs) => backOffMs,
    close: () => sim.close(),
  };
});
