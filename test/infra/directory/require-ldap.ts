import { inject } from 'vitest';
import type { LdapTarget } from './ldap-target.ts';

/** The run's DC, or a failure naming why there is none: directory tests fail, they never skip. */
export function requireLdap(): LdapTarget {
  const target = inject('ldap');
  if (!target)
    throw new Error(
      inject('ldapUnavailable') ?? 'no LDAP target provided: is test/setup/global-samba.ts in globalSetup?',
    );
  return target;
}
