import type { LdapTarget } from './ldap-target.ts';

/**
 * The DC named by EXSYNC_TEST_LDAP_* (as `samba-ad-up.sh --env` prints them), or undefined when
 * EXSYNC_TEST_LDAP_URL is unset. Such a DC belongs to someone else, so it is never disposable.
 */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): LdapTarget | undefined {
  const url = env['EXSYNC_TEST_LDAP_URL'];
  if (!url) return undefined;
  const required = ['EXSYNC_TEST_LDAP_BIND_DN', 'EXSYNC_TEST_LDAP_PASSWORD', 'EXSYNC_TEST_LDAP_BASE_DN'];
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`EXSYNC_TEST_LDAP_URL is set but ${missing.join(', ')} not`);
  const ldapsUrl = env['EXSYNC_TEST_LDAPS_URL'];
  const caPath = env['EXSYNC_TEST_LDAP_CA'];
  return {
    url,
    bindDn: env['EXSYNC_TEST_LDAP_BIND_DN'] ?? '',
    password: env['EXSYNC_TEST_LDAP_PASSWORD'] ?? '',
    baseDn: env['EXSYNC_TEST_LDAP_BASE_DN'] ?? '',
    ...(ldapsUrl && caPath
      ? {
          ldaps: {
            url: ldapsUrl,
            caPath,
            servername: env['EXSYNC_TEST_LDAP_TLS_SERVERNAME'] ?? 'DC1.example.test',
          },
        }
      : {}),
    disposable: false,
  };
}
