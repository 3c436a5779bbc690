import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { LdapTarget } from './ldap-target.ts';

const run = promisify(execFile);
const infra = path.resolve(import.meta.dirname, '..');

/** samba-ad-up.sh's exit statuses that are not plain failures. */
const EXIT_UNAVAILABLE = 69;
const EXIT_PORTS_BUSY = 75;

/** Samba cannot run on this machine (not installed, not root). */
export class SambaUnavailableError extends Error {}
/** Another DC holds the fixed LDAP ports. */
export class SambaPortsBusyError extends Error {}

export interface SambaDc {
  target: LdapTarget;
  dir: string;
  pid: number;
  /** Whether the provisioned template was reused ('hit'), made by this start ('built') or not used ('off'). */
  template: 'hit' | 'built' | 'off';
  /** Provisioning, or copying the template. */
  prepareMs: number;
  /** From starting samba until the rootDSE answers. */
  startMs: number;
}

interface UpOutput {
  url: string;
  ldapsUrl: string;
  bindDn: string;
  password: string;
  baseDn: string;
  caPath: string;
  tlsServerName: string;
  dir: string;
  pid: number;
  template: SambaDc['template'];
  prepareMs: number;
  startMs: number;
}

/**
 * Starts a throw-away DC with test/infra/samba-ad-up.sh in `dir` (missing or empty; the DC owns it from
 * then on, and it is gone again if the start fails). While another DC holds the fixed ports (another test
 * run on this machine), retries for up to `waitForPortsMs`.
 */
export async function startSambaDc(dir: string, waitForPortsMs = 0): Promise<SambaDc> {
  const deadline = Date.now() + waitForPortsMs;
  for (;;) {
    try {
      return await startOnce(dir);
    } catch (error) {
      if (!(error instanceof SambaPortsBusyError) || Date.now() >= deadline) {
        // A failed start removes what it made; a refusal leaves the directory as it found it, so an empty one remains.
        if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
        throw error;
      }
      await sleep(1_000);
    }
  }
}

async function startOnce(dir: string): Promise<SambaDc> {
  let stdout: string;
  try {
    // Owned by this process: should it die before stopping the DC, the script's watchdog stops it.
    const env = { ...process.env, EXSYNC_SAMBA_OWNER_PID: String(process.pid) };
    ({ stdout } = await run('bash', [path.join(infra, 'samba-ad-up.sh'), dir], { env }));
  } catch (error) {
    const { code, stderr } = error as { code?: number; stderr?: string };
    const message = (stderr ?? String(error)).trim();
    if (code === EXIT_UNAVAILABLE) throw new SambaUnavailableError(message);
    if (code === EXIT_PORTS_BUSY) throw new SambaPortsBusyError(message);
    throw new Error(`samba-ad-up.sh failed: ${message}`);
  }
  const up = JSON.parse(stdout) as UpOutput;
  return {
    target: {
      url: up.url,
      bindDn: up.bindDn,
      password: up.password,
      baseDn: up.baseDn,
      ldaps: { url: up.ldapsUrl, caPath: up.caPath, servername: up.tlsServerName },
      disposable: true,
    },
    dir: up.dir,
    pid: up.pid,
    template: up.template,
    prepareMs: up.prepareMs,
    startMs: up.startMs,
  };
}

/** Stops the DC in `dir` and removes the directory; a no-op when it is already gone. */
export async function stopSambaDc(dir: string): Promise<void> {
  await run('bash', [path.join(infra, 'samba-ad-down.sh'), dir]);
}
