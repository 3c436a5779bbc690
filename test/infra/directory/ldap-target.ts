import { readFileSync } from 'node:fs';
import { Client } from 'ldapts';

/** Where and as whom the directory tests reach their AD DC. Plain data: vitest passes it between processes. */
export interface LdapTarget {
  /** Plain LDAP URL; the DC must allow simple binds over it. */
  url: string;
  bindDn: string;
  password: string;
  /** The domain naming context, e.g. DC=example,DC=test. */
  baseDn: string;
  /** LDAPS facts; always present for a DC started by samba-ad-up.sh. */
  ldaps?: {
    url: string;
    /** PEM file of the CA that issued the DC's certificate. */
    caPath: string;
    /** Name to verify the certificate against: Samba's self-signed one has no IP SAN. */
    servername: string;
  };
  /** True when this test run started the DC and throws it away afterwards, so seeds need no cleanup. */
  disposable: boolean;
}

/**
 * Opens a client bound as the target's account. With `secure`, connects over LDAPS and pins the DC's CA.
 * ldapts takes `tlsOptions` only for ldaps:// URLs: on ldap:// they would turn on implicit TLS on port 389.
 */
export async function openClient(target: LdapTarget, secure = false): Promise<Client> {
  let client: Client;
  if (secure) {
    if (!target.ldaps) throw new Error('this LDAP target has no LDAPS facts (EXSYNC_TEST_LDAPS_URL, _CA)');
    const { url, caPath, servername } = target.ldaps;
    client = new Client({ url, tlsOptions: { ca: [readFileSync(caPath)], servername } });
  } else {
    client = new Client({ url: target.url });
  }
  try {
    await client.bind(target.bindDn, target.password);
  } catch (error) {
    await client.unbind();
    throw error;
  }
  return client;
}
