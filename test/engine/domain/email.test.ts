import { describe, expect, it } from 'vitest';
import { emailProblem, normaliseEmail } from '../../../engine/domain/email.ts';

describe('e-mail addresses', () => {
  it.each(['alice@contoso.com', "o'brien+tag@mail.contoso.co.uk", 'a.b-c_d@xn--bcher-kva.example'])(
    'accepts %s',
    (a) => {
      expect(emailProblem(a)).toBeUndefined();
    },
  );

  it('normalises case and surrounding whitespace', () => {
    expect(normaliseEmail('  Alice@Contoso.COM ')).toBe('alice@contoso.com');
  });

  it.each([
    ['', 'is empty'],
    ['alice', 'exactly one "@"'],
    ['@contoso.com', 'exactly one "@"'],
    ['bob@@contoso.com', 'exactly one "@"'],
    ['a..b@contoso.com', 'before "@"'],
    ['.a@contoso.com', 'before "@"'],
    ['a b@contoso.com', 'before "@"'],
    ['alice@contoso', 'domain'],
    ['alice@-contoso.com', 'domain'],
    ['alice@contoso.c', 'domain'],
    ['alice@contoso..com', 'domain'],
    [`${'a'.repeat(65)}@contoso.com`, 'before "@"'],
    [`a@${'b'.repeat(250)}.com`, 'characters long'],
  ])('rejects %j', (address, reason) => {
    expect(emailProblem(address)).toContain(reason);
  });
});
