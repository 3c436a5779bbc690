import type { ExchangeService } from 'ews-javascript-api';
import { afterAll, beforeAll, expect } from 'vitest';
import type { SimulatorOptions, Simulator } from '../simulator.ts';
import { startSimulator } from '../simulator.ts';
import { ewsClient } from './ews-test-client.ts';

export interface EwsFixture {
  sim: Simulator;
  /** The impersonated mailbox. */
  mailbox: string;
  /** An ews-javascript-api service impersonating `mailbox`. */
  service: ExchangeService;
}

/**
 * A simulator for one test file: started before its tests, checked for internal errors (simulator
 * bugs) and closed after them. `receive` hands the fixture to the file's own variables.
 */
export function useEwsSimulator(
  options: SimulatorOptions & { mailboxOrdinal?: number },
  receive: (fixture: EwsFixture) => void,
): void {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    const { mailboxOrdinal = 0, ...simulatorOptions } = options;
    sim = await startSimulator(simulatorOptions);
    const mailbox = sim.model.mailboxAt(mailboxOrdinal)?.primarySmtp ?? '';
    receive({ sim, mailbox, service: ewsClient(sim, { mailbox }) });
  });
  afterAll(async () => {
    expect(sim?.internalErrors).toEqual([]);
    await sim?.close();
  });
}
