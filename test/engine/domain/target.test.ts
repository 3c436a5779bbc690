import { describe, expect, it } from 'vitest';
import { targetSchema } from '../../../engine/domain/target.ts';
import { InputError } from '../../../engine/errors/index.ts';
import { parseInput } from '../../../engine/validation/parse-input.ts';

const parse = (target: unknown) => parseInput(targetSchema, target, ['target']);
const message = (target: unknown) => {
  try {
    parse(target);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected a refusal');
};

describe('targets', () => {
  it('normalises, splits and de-duplicates a ";" list as an admin types it', () => {
    expect(
      parse({ kind: 'mailbox-list', emails: ' Alice@Contoso.com;bob@contoso.com ; alice@contoso.COM;;' }),
    ).toEqual({
      kind: 'mailbox-list',
      emails: ['alice@contoso.com', 'bob@contoso.com'],
    });
    expect(parse({ kind: 'mailbox-list', emails: ['B@x.com', 'b@x.com '] })).toEqual({
      kind: 'mailbox-list',
      emails: ['b@x.com'],
    });
  });

  it('canonicalises group DNs and keeps the group kind', () => {
    expect(
      parse({ kind: 'ad-group', dn: 'cn=Sales, ou=Groups, dc=contoso, dc=com', groupKind: 'distribution' }),
    ).toEqual({
      kind: 'ad-group',
      dn: 'CN=Sales,OU=Groups,DC=contoso,DC=com',
      groupKind: 'distribution',
    });
  });

  it('names the bad address inside a list by position', () => {
    expect(message({ kind: 'mailbox-list', emails: 'a@x.com; b@x.com; bob@@x.com' })).toBe(
      'target.emails[2]: "bob@@x.com" is not a valid e-mail address (expected exactly one "@" with text before it)',
    );
  });

  it.each([
    [{ kind: 'mailbox', email: 'nobody' }, 'target.email: "nobody" is not a valid e-mail address'],
    [{ kind: 'm365-group', email: '' }, 'target.email: is empty'],
    [
      { kind: 'ad-group', dn: 'CN=Sales;DC=x', groupKind: 'security' },
      'target.dn: is not a valid distinguished name (RFC 4514)',
    ],
    [
      { kind: 'ad-group', dn: 'CN=Group\\00anything,OU=Groups,DC=x', groupKind: 'security' },
      'target.dn: is not a valid distinguished name (RFC 4514): the value contains a control character (U+0000), which no directory name holds at character 9',
    ],
    [{ kind: 'ad-group', dn: 'CN=Sales,DC=x' }, 'target.groupKind: is required'],
    [
      { kind: 'ad-group', dn: 'CN=Sales,DC=x', groupKind: 'mail-enabled' },
      'target.groupKind: must be "security" or "distribution"',
    ],
    [{ kind: 'mailbox-list', emails: ' ; ;' }, 'target.emails: lists no address'],
    [{ kind: 'mailbox-list', emails: 42 }, 'target.emails: must be text or a list, not a number'],
    [
      { kind: 'ou', dn: 'OU=x' },
      'target.kind: "ou" is not allowed; must be one of ad-group, m365-group, mailbox, mailbox-list',
    ],
    [{ email: 'a@x.com' }, 'target.kind: is required'],
    [{ kind: 'mailbox', email: 'a@x.com', dn: 'CN=x' }, 'target.dn: is not a known field'],
    [
      { kind: 'mailbox-list', emails: 'a@x.com;'.repeat(70_000) },
      'target.emails: is 560000 characters long; at most 524288',
    ],
  ])('refuses %j', (target, expected) => {
    expect(message(target)).toContain(expected);
  });
});
