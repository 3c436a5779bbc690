import type { DirectoryGroup } from '../../../ports/directory.ts';
import type { ResolutionBuilder } from '../resolution-builder.ts';

/** The directory objects Graph returns (`transitiveMembers`, `users`, `groups`), with what we $select. */
export interface GraphObject {
  readonly '@odata.type'?: string;
  readonly id: string;
  readonly displayName?: string | null;
  readonly mail?: string | null;
  readonly accountEnabled?: boolean | null;
  readonly userPrincipalName?: string | null;
  readonly groupTypes?: readonly string[] | null;
  readonly securityEnabled?: boolean | null;
  readonly mailEnabled?: boolean | null;
  readonly mailNickname?: string | null;
}

export interface GraphPage<T> {
  readonly value: readonly T[];
  readonly '@odata.nextLink'?: string;
}

export const MEMBER_SELECT = 'id,displayName,mail,accountEnabled,userPrincipalName';
export const GROUP_SELECT = 'id,displayName,mail,mailNickname,groupTypes,securityEnabled,mailEnabled';

/** An OData string literal: single quotes doubled (OData ABNF), the whole filter URL-encoded by the caller. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function toDirectoryGroup(group: GraphObject): DirectoryGroup {
  const kind = group.groupTypes?.includes('Unified')
    ? 'microsoft-365'
    : group.securityEnabled
      ? 'security'
      : 'distribution';
  const mail = group.mail?.toLowerCase();
  return {
    dn: group.id,
    name: group.displayName ?? mail ?? group.id,
    kind,
    ...(mail ? { mail } : {}),
    ...(group.mailNickname ? { accountName: group.mailNickname } : {}),
  };
}

/**
 * Adds one member to the resolution: users with mail become mailboxes unless their account is disabled;
 * contacts, devices and other objects are left out with a reason; nested groups are skipped silently
 * because transitiveMembers already lists their members. `entry` names a skipped object for the admin.
 */
export function recordGraphMember(builder: ResolutionBuilder, object: GraphObject, entry?: string): void {
  const type = object['@odata.type'] ?? '#microsoft.graph.user';
  const mail = object.mail?.trim().toLowerCase() || undefined;
  const name = entry ?? mail ?? object.userPrincipalName ?? object.displayName ?? object.id;
  switch (type) {
    case '#microsoft.graph.group':
      return;
    case '#microsoft.graph.user':
      if (object.accountEnabled === false) return builder.skip(name, 'account disabled');
      if (!mail) return builder.skip(name, 'no mailbox', 'the user has no e-mail address');
      return builder.addMailbox({
        email: mail,
        displayName: object.displayName ?? mail,
        directoryId: object.id,
      });
    case '#microsoft.graph.orgContact':
      return builder.skip(name, 'contact', mail ? `mail contact ${mail}` : undefined);
    default:
      return builder.skip(name, 'not a user', `a ${type.replace('#microsoft.graph.', '')}`);
  }
}
