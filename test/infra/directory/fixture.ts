import type { GroupKind, GroupScope } from './ad-flags.ts';

/**
 * The named part of every seed, as data: who exists and who is a member of what. Keys stay short because
 * they end up in sAMAccountName (at most 20 characters) next to the run id.
 *
 * The groups form a chain allStaff > engineering > platform > storage > loopA > loopB > loopC, and loopC
 * contains loopA again: a membership cycle six levels down. The scopes respect AD's nesting rules (a
 * global group holds only users and global groups; a universal one also holds universal groups; a
 * domain-local one holds anything), so the same data would load into Windows AD.
 */

export const userKeys = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'gina',
  'hank',
  'noMail',
  'disabled',
  'noPassword',
  'hidden',
] as const;
export type UserKey = (typeof userKeys)[number];

export const contactKeys = ['partner'] as const;
export type ContactKey = (typeof contactKeys)[number];

export const groupKeys = [
  'allStaff',
  'engineering',
  'platform',
  'storage',
  'loopA',
  'loopB',
  'loopC',
  'sales',
  'resources',
  'bulk',
] as const;
export type GroupKey = (typeof groupKeys)[number];

export type MemberKey = UserKey | ContactKey | GroupKey;

export interface UserSpec {
  /** False: the user has no mail, mailNickname or proxyAddresses (not mail-enabled). */
  mail: boolean;
  /**
   * 'enabled' is 544; 'disabled' is 514; 'noPassword' sends no userAccountControl at all, so the DC
   * applies AD's default for a user added without a password: disabled, 546.
   */
  account: 'enabled' | 'disabled' | 'noPassword';
  /** msExchHideFromAddressLists TRUE. */
  hidden: boolean;
}

export interface GroupSpec {
  scope: GroupScope;
  kind: GroupKind;
  mail: boolean;
  /** Direct members; the bulk group also gets the run's bulk users. */
  members: MemberKey[];
}

const enabled: UserSpec = { mail: true, account: 'enabled', hidden: false };

export const users: Record<UserKey, UserSpec> = {
  alice: enabled,
  bob: enabled,
  carol: enabled,
  dave: enabled,
  erin: enabled,
  frank: enabled,
  gina: enabled,
  hank: enabled,
  noMail: { ...enabled, mail: false },
  disabled: { ...enabled, account: 'disabled' },
  noPassword: { ...enabled, account: 'noPassword' },
  hidden: { ...enabled, hidden: true },
};

export const groups: Record<GroupKey, GroupSpec> = {
  allStaff: {
    scope: 'universal',
    kind: 'distribution',
    mail: true,
    members: ['engineering', 'sales', 'frank'],
  },
  engineering: { scope: 'universal', kind: 'security', mail: true, members: ['platform', 'alice', 'noMail'] },
  platform: { scope: 'global', kind: 'security', mail: false, members: ['storage', 'bob'] },
  storage: {
    scope: 'global',
    kind: 'security',
    mail: false,
    members: ['loopA', 'carol', 'disabled', 'noPassword'],
  },
  loopA: { scope: 'global', kind: 'security', mail: false, members: ['loopB', 'gina'] },
  loopB: { scope: 'global', kind: 'security', mail: false, members: ['loopC', 'hank'] },
  loopC: { scope: 'global', kind: 'security', mail: false, members: ['loopA', 'erin'] },
  sales: { scope: 'global', kind: 'distribution', mail: true, members: ['dave', 'hidden', 'partner'] },
  resources: { scope: 'domainLocal', kind: 'security', mail: false, members: ['engineering', 'sales'] },
  bulk: { scope: 'universal', kind: 'distribution', mail: true, members: [] },
};
