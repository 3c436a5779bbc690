import { z } from 'zod';
import { emailProblem, normaliseEmail } from './email.ts';
import {
  DnSyntaxError,
  MAX_DN_LENGTH,
  formatDistinguishedName,
  parseDistinguishedName,
} from './distinguished-name.ts';

/**
 * Which mailboxes a task works on (MSE "Group"): an AD security or distribution group by DN, a
 * Microsoft 365 group by address, one mailbox, or a list of mailboxes typed as "a@x.com; b@y.com".
 */

/** Generous for a hand-typed list yet small enough for a Teams card; larger sets belong in a group. */
export const MAX_LIST_ADDRESSES = 5000;
export const MAX_LIST_TEXT_LENGTH = 512 * 1024;

const emailAddress = z
  .string()
  .max(1024)
  .transform((raw, ctx) => {
    const address = normaliseEmail(raw);
    const problem = emailProblem(address);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return address;
  });

const distinguishedName = z
  .string()
  .max(MAX_DN_LENGTH)
  .transform((raw, ctx) => {
    try {
      return formatDistinguishedName(parseDistinguishedName(raw.trim()));
    } catch (error) {
      if (!(error instanceof DnSyntaxError)) throw error;
      ctx.addIssue({
        code: 'custom',
        message: `is not a valid distinguished name (RFC 4514): ${error.message}`,
      });
      return z.NEVER;
    }
  });

/** Splits on ";" (and "," or newlines, which admins paste from spreadsheets), validates, normalises, de-duplicates. */
const addressList = z
  .union([z.string().max(MAX_LIST_TEXT_LENGTH), z.array(z.string().max(1024)).max(MAX_LIST_ADDRESSES)])
  .transform((value, ctx) => {
    const items = (typeof value === 'string' ? value.split(/[;,\n]/) : value).map(normaliseEmail);
    const present = typeof value === 'string' ? items.filter((s) => s.length > 0) : items;
    const unique: string[] = [];
    present.forEach((address, index) => {
      const problem = emailProblem(address);
      if (problem) ctx.addIssue({ code: 'custom', path: [index], message: problem });
      else if (!unique.includes(address)) unique.push(address);
    });
    if (present.length === 0) ctx.addIssue({ code: 'custom', message: 'lists no address' });
    if (unique.length > MAX_LIST_ADDRESSES)
      ctx.addIssue({
        code: 'custom',
        message: `lists ${unique.length} addresses; at most ${MAX_LIST_ADDRESSES} (use a group for more)`,
      });
    return unique;
  });

export const TARGET_KINDS = ['ad-group', 'm365-group', 'mailbox', 'mailbox-list'] as const;

export const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ad-group'),
    dn: distinguishedName,
    groupKind: z.enum(['security', 'distribution'], { message: 'must be "security" or "distribution"' }),
  }),
  z.strictObject({ kind: z.literal('m365-group'), email: emailAddress }),
  z.strictObject({ kind: z.literal('mailbox'), email: emailAddress }),
  z.strictObject({ kind: z.literal('mailbox-list'), emails: addressList }),
]);

export type Target = z.infer<typeof targetSchema>;
export type TargetKind = Target['kind'];

/** One line an admin recognises, e.g. `AD security group CN=Sales,OU=Groups,DC=contoso,DC=com`. */
export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'ad-group':
      return `AD ${target.groupKind} group ${target.dn}`;
    case 'm365-group':
      return `Microsoft 365 group ${target.email}`;
    case 'mailbox':
      return `mailbox ${target.email}`;
    case 'mailbox-list':
      return target.emails.length <= 3
        ? `mailboxes ${target.emails.join('; ')}`
        : `${target.emails.length} mailboxes (${target.emails.slice(0, 2).join('; ')}; ...)`;
  }
}

/** Whether two targets pick the same mailboxes: a list is compared as a set. */
export function sameTarget(a: Target, b: Target): boolean {
  const canonical = (t: Target) => (t.kind === 'mailbox-list' ? { ...t, emails: [...t.emails].sort() } : t);
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
