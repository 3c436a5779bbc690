import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import type { LdapTarget } from '../infra/directory/ldap-target.ts';
import {
  SambaUnavailableError,
  startSambaDc,
  stopSambaDc,
  type SambaDc,
} from '../infra/directory/samba-dc.ts';
import { targetFromEnv } from '../infra/directory/target-from-env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The AD DC (real Samba) the directory tests run against; absent when none could run, see ldapUnavailable. */
    ldap?: LdapTarget;
    /** Why there is no `ldap`; directory tests fail with this message (test/infra/directory/require-ldap.ts). */
    ldapUnavailable?: string;
  }
}

/** CI systems set CI=true (or 1); treat an explicit false as unset. */
function underCi(): boolean {
  const ci = process.env['CI'];
  return Boolean(ci) && ci !== 'false' && ci !== '0';
}

/** How long to wait for a DC of another test run on this machine to free the fixed LDAP ports. */
const BUSY_WAIT_MS = 60_000;

/**
 * Starts a throw-away Samba AD DC on loopback for the whole test run (about 1 s from the cached template,
 * 9 s when the template must be built), unless EXSYNC_TEST_LDAP_URL names a DC already running.
 * Without Samba (not installed, not root) the run fails under CI; elsewhere the directory tests fail with
 * the reason, while everything else still runs. They are never skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = targetFromEnv();
  if (given) {
    project.provide('ldap', given);
    return async () => {};
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'exsync-ad-'));
  let dc: SambaDc;
  try {
    dc = await startSambaDc(dir, BUSY_WAIT_MS);
  } catch (error) {
    if (!(error instanceof SambaUnavailableError)) {
      throw new Error(`could not start Samba AD for the directory tests: ${(error as Error).message}`);
    }
    const reason = `Samba AD DC unavailable: ${error.message}. The directory tests need Samba AD (installed, run as root) or EXSYNC_TEST_LDAP_URL naming a DC.`;
    if (underCi()) throw new Error(reason);
    project.provide('ldapUnavailable', reason);
    return async () => {};
  }
  project.provide('ldap', dc.target);
  return async () => {
    await stopSambaDc(dc.dir);
  };
}
