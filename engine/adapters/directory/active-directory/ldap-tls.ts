import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { ActiveDirectorySettings } from '../../../site-config/index.ts';
import { DirectoryConfigError } from '../directory-errors.ts';

export type TransportSecurity = 'ldaps' | 'starttls' | 'plain';

export interface LdapTransport {
  readonly security: TransportSecurity;
  /** For ldaps:// (given to the ldapts Client) and StartTLS (given to startTLS); absent for plain LDAP. */
  readonly tls?: ConnectionOptions;
}

/**
 * How the adapter protects the bind password on the wire, from the site configuration: LDAPS or StartTLS
 * with the DC's CA pinned (directory.tls.caFile; otherwise the system's public CAs), or no verification at
 * all only when insecureSkipVerify says so. Plain LDAP only with allowPlainLdap (the schema already refuses
 * it otherwise; checked again here because this is where the password leaves the process).
 */
export function ldapTransport(settings: ActiveDirectorySettings): LdapTransport {
  const url = new URL(settings.url);
  const security: TransportSecurity =
    url.protocol === 'ldaps:' ? 'ldaps' : settings.startTls ? 'starttls' : 'plain';
  if (security === 'plain') {
    if (!settings.allowPlainLdap)
      throw new DirectoryConfigError(
        `directory.url ${settings.url} is plain LDAP: use ldaps://, set startTls: true, or (labs only) allowPlainLdap: true`,
      );
    return { security };
  }
  const tls: ConnectionOptions = { minVersion: 'TLSv1.2' };
  if (settings.tls.caFile) tls.ca = [readCa(settings.tls.caFile)];
  // A certificate rarely names an IP address; servername is the name to check it against then.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  tls.host = host;
  if (settings.tls.servername) tls.servername = settings.tls.servername;
  if (settings.tls.insecureSkipVerify) tls.rejectUnauthorized = false;
  return { security, tls };
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new DirectoryConfigError(
      `directory.tls.caFile: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { cause: error },
    );
  }
}
