import { formatDistinguishedName, parseDistinguishedName } from '../../../domain/distinguished-name.ts';

/**
 * One spelling per object for comparing DNs: AD compares them case-insensitively, and the same group may
 * arrive typed by an admin ("CN=Sales, OU=Groups") and as the DC writes it ("CN=Sales,OU=Groups").
 */
export function dnKey(dn: string): string {
  try {
    return formatDistinguishedName(parseDistinguishedName(dn)).toLowerCase();
  } catch {
    return dn.toLowerCase();
  }
}
