import {
  groupType,
  UAC_DISABLED,
  UAC_DISABLED_NO_PASSWORD,
  UAC_ENABLED_NO_PASSWORD,
  type GroupKind,
  type GroupScope,
} from './ad-flags.ts';
import {
  contactKeys,
  groupKeys,
  groups,
  userKeys,
  users,
  type ContactKey,
  type GroupKey,
  type MemberKey,
  type UserKey,
  type UserSpec,
} from './fixture.ts';

/** Mail domain of the test realm; secondary proxy addresses use `alias.` in front of it. */
export const MAIL_DOMAIN = 'example.test';

export interface SeededUser {
  dn: string;
  sAMAccountName: string;
  /** Absent for users that are not mail-enabled. */
  mail?: string;
  mailNickname?: string;
  proxyAddresses: string[];
  /** The value the DC holds once the user exists (for 'noPassword' users, the DC's own default). */
  userAccountControl: number;
  hidden: boolean;
}

export interface SeededContact {
  dn: string;
  mail: string;
  mailNickname: string;
  proxyAddresses: string[];
}

export interface SeededGroup {
  dn: string;
  sAMAccountName: string;
  scope: GroupScope;
  kind: GroupKind;
  groupType: number;
  mail?: string;
  mailNickname?: string;
  proxyAddresses: string[];
  /** DNs of the direct members, in the order they are written. */
  members: string[];
}

/** Everything one seed run creates, by fixture key, plus the bulk users (in creation order). */
export interface SeedPlan {
  runId: string;
  ouDn: string;
  bulkOuDn: string;
  users: Record<UserKey, SeededUser>;
  contacts: Record<ContactKey, SeededContact>;
  groups: Record<GroupKey, SeededGroup>;
  bulkUsers: SeededUser[];
}

/** Run ids become part of account names (20 characters at most), so keep them short and plain. */
export const RUN_ID_PATTERN = /^[a-z0-9]{1,8}$/;

function mailAttributes(nickname: string): { mail: string; mailNickname: string; proxyAddresses: string[] } {
  const mail = `${nickname}@${MAIL_DOMAIN}`;
  return {
    mail,
    mailNickname: nickname,
    proxyAddresses: [`SMTP:${mail}`, `smtp:${nickname}@alias.${MAIL_DOMAIN}`],
  };
}

const accountControl: Record<UserSpec['account'], number> = {
  enabled: UAC_ENABLED_NO_PASSWORD,
  disabled: UAC_DISABLED,
  noPassword: UAC_DISABLED_NO_PASSWORD,
};

function planUser(dn: string, sAMAccountName: string, spec: UserSpec): SeededUser {
  return {
    dn,
    sAMAccountName,
    ...(spec.mail ? mailAttributes(sAMAccountName) : { proxyAddresses: [] }),
    userAccountControl: accountControl[spec.account],
    hidden: spec.hidden,
  };
}

/** Names and attributes of everything a seed run creates under `baseDn`; pure, so tests can reason about it. */
export function planSeed(baseDn: string, runId: string, bulkUsers: number): SeedPlan {
  if (!RUN_ID_PATTERN.test(runId)) throw new Error(`run id must match ${String(RUN_ID_PATTERN)}: ${runId}`);
  const ouDn = `OU=seed-${runId},${baseDn}`;
  const bulkOuDn = `OU=bulk,${ouDn}`;
  const account = (key: string): string => `${runId}-${key.toLowerCase()}`;

  const plannedUsers = Object.fromEntries(
    userKeys.map((key) => [key, planUser(`CN=${key},${ouDn}`, account(key), users[key])]),
  ) as Record<UserKey, SeededUser>;
  const plannedContacts = Object.fromEntries(
    contactKeys.map((key) => [key, { dn: `CN=${key},${ouDn}`, ...mailAttributes(account(key)) }]),
  ) as Record<ContactKey, SeededContact>;
  const bulk = Array.from({ length: bulkUsers }, (_, i) =>
    planUser(`CN=b${i},${bulkOuDn}`, account(`b${i}`), { mail: true, account: 'enabled', hidden: false }),
  );

  const dnOf = (key: MemberKey): string => `CN=${key},${ouDn}`;
  const plannedGroups = Object.fromEntries(
    groupKeys.map((key) => {
      const spec = groups[key];
      const members = spec.members.map(dnOf).concat(key === 'bulk' ? bulk.map((user) => user.dn) : []);
      const group: SeededGroup = {
        dn: dnOf(key),
        sAMAccountName: account(key),
        scope: spec.scope,
        kind: spec.kind,
        groupType: groupType(spec.scope, spec.kind),
        ...(spec.mail ? mailAttributes(account(key)) : { proxyAddresses: [] }),
        members,
      };
      return [key, group];
    }),
  ) as Record<GroupKey, SeededGroup>;

  return {
    runId,
    ouDn,
    bulkOuDn,
    users: plannedUsers,
    contacts: plannedContacts,
    groups: plannedGroups,
    bulkUsers: bulk,
  };
}
