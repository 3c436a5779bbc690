/**
 * The Active Directory flag values the seed writes and the tests filter on, as Windows AD defines them.
 * groupType: https://learn.microsoft.com/en-us/windows/win32/adschema/a-grouptype
 * userAccountControl: https://learn.microsoft.com/en-us/troubleshoot/windows-server/active-directory/useraccountcontrol-manipulate-account-properties
 */

export type GroupScope = 'global' | 'domainLocal' | 'universal';
export type GroupKind = 'security' | 'distribution';

const scopeBits: Record<GroupScope, number> = { global: 0x2, domainLocal: 0x4, universal: 0x8 };
/** The security bit; tests match it with BIT_AND, `(groupType:1.2.840.113556.1.4.803:=2147483648)`. */
export const SECURITY_ENABLED = 0x80000000;

/** groupType as AD stores and returns it: a signed 32-bit integer, so security groups are negative. */
export function groupType(scope: GroupScope, kind: GroupKind): number {
  return scopeBits[scope] | (kind === 'security' ? SECURITY_ENABLED : 0) | 0;
}

export const UAC = {
  ACCOUNTDISABLE: 0x2,
  PASSWD_NOTREQD: 0x20,
  NORMAL_ACCOUNT: 0x200,
} as const;

/** An enabled account without a password (544): what a test user needs to exist and count as active. */
export const UAC_ENABLED_NO_PASSWORD = UAC.NORMAL_ACCOUNT | UAC.PASSWD_NOTREQD;
/** A disabled account (514), as an administrator disabling a user leaves it. */
export const UAC_DISABLED = UAC.NORMAL_ACCOUNT | UAC.ACCOUNTDISABLE;
/** What AD gives a user added over LDAP without a password or userAccountControl (546): disabled. */
export const UAC_DISABLED_NO_PASSWORD = UAC.NORMAL_ACCOUNT | UAC.PASSWD_NOTREQD | UAC.ACCOUNTDISABLE;
