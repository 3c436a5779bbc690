import type { DistributionGroup } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { contactJson, groupJson, userJson } from '../serialize/directory-json.ts';

/**
 * Group membership as directory object references (`user:addr`, `group:addr`, `contact:addr`). The
 * transitive list walks nested groups breadth first, lists each object once (nested groups included)
 * and survives cycles.
 */
export function flattenMembers(
  services: GraphServices,
  root: DistributionGroup,
  transitive: boolean,
): string[] {
  const model = services.model;
  const seen = new Set<string>([`group:${root.primarySmtp.toLowerCase()}`]);
  const out: string[] = [];
  const queue: string[][] = [root.members];
  for (let members = queue.shift(); members; members = queue.shift()) {
    for (const address of members) {
      const recipient = model.recipient(address);
      if (!recipient) continue;
      const kind = recipient.kind === 'mailbox' ? 'user' : recipient.kind;
      const ref = `${kind}:${recipient.address.toLowerCase()}`;
      if (seen.has(ref)) continue;
      seen.add(ref);
      out.push(ref);
      if (kind === 'group' && transitive) {
        const nested = model.directory.group(recipient.address);
        if (nested) queue.push(nested.members);
      }
    }
  }
  return out;
}

export function memberJson(services: GraphServices, ref: string): Record<string, unknown> {
  const model = services.model;
  const separator = ref.indexOf(':');
  const kind = ref.slice(0, separator);
  const address = ref.slice(separator + 1);
  if (kind === 'user') {
    const mailbox = model.mailbox(address);
    if (mailbox) return userJson(mailbox);
  } else if (kind === 'group') {
    const group = model.directory.group(address);
    if (group) return groupJson(group);
  } else {
    const contact = model.directory.contact(address);
    const recipient = model.recipient(address);
    if (contact && recipient) return contactJson(contact.id, recipient);
  }
  return { '@odata.type': '#microsoft.graph.directoryObject', id: ref };
}
