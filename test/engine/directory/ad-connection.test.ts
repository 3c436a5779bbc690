/**
 * How the adapter reaches the DC: LDAPS and StartTLS with the DC's CA pinned, what an untrusted or
 * misnamed certificate, a wrong password and an unreachable DC turn into (typed errors an admin can act
 * on), and that a password never appears in them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import {
  DirectoryBadCredentialsError,
  DirectoryConfigError,
  DirectoryTlsError,
  DirectoryUnreachableError,
  createDirectory,
} from '../../../engine/adapters/directory/index.ts';
import { createLogger } from '../../../engine/logging/logger.ts';
import { SiteConfigError, parseSiteConfig } from '../../../engine/site-config/index.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { PASSWORD_ENV, adSiteConfig, adSiteYaml, useSeededDc } from './support/ad-site.ts';

const dc = useSeededDc();
const dir = tempDir();

const aliceTarget = () => ({ kind: 'mailbox' as const, email: dc.seed.users.alice.mail! });

describe('encrypted connections', () => {
  it('resolves over LDAPS with the DC CA pinned and the certificate name as servername', async () => {
    const d = createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, transport: 'ldaps' }));
    expect((await d.resolve(aliceTarget())).mailboxes.map((m) => m.email)).toEqual([
      dc.seed.users.alice.mail,
    ]);
  });

  it('resolves over StartTLS on the plain port with the CA pinned', async () => {
    const d = createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, transport: 'starttls' }));
    expect((await d.findGroups('loopA')).map((g) => g.name)).toEqual(['loopA']);
  });

  it('refuses a certificate from another CA, and one that does not name the host, with a TLS error', async () => {
    const otherCa = path.join(dir, 'other-ca.pem');
    writeFileSync(otherCa, rootCertificates[0]!);
    const servername = dc.target.ldaps!.servername;
    for (const [transport, tls, why] of [
      ['ldaps', { caFile: otherCa, servername }, /unable to (verify|get)/i],
      ['starttls', { caFile: otherCa, servername }, /unable to (verify|get)/i],
      ['ldaps', { caFile: dc.target.ldaps!.caPath }, /127\.0\.0\.1 is not in the cert's list/],
    ] as const) {
      const d = createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, transport, tls }));
      const attempt = d.resolve(aliceTarget());
      await expect(attempt).rejects.toBeInstanceOf(DirectoryTlsError);
      await expect(attempt).rejects.toThrow(why);
      await expect(attempt).rejects.toThrow(/set directory\.tls\.caFile/);
    }
  });

  it('connects without verification only when insecureSkipVerify says so, and logs a warning', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    const loaded = adSiteConfig(dc.target, {
      baseDn: dc.seed.ouDn,
      transport: 'ldaps',
      tls: { insecureSkipVerify: true },
    });
    const d = createDirectory(loaded, createLogger({ level: 'warn', destination: sink }));
    expect((await d.resolve(aliceTarget())).mailboxes).toHaveLength(1);
    expect(lines.join('')).toMatch(/TLS certificate verification is off/);
  });

  it('refuses a CA file that cannot be read when the adapter is built', () => {
    const loaded = adSiteConfig(dc.target, {
      baseDn: dc.seed.ouDn,
      transport: 'ldaps',
      tls: { caFile: path.join(dir, 'missing.pem') },
    });
    expect(() => createDirectory(loaded)).toThrow(DirectoryConfigError);
    expect(() => createDirectory(loaded)).toThrow(
      /directory\.tls\.caFile: .*missing\.pem cannot be read \(ENOENT\)/,
    );
  });

  it('refuses plain LDAP unless the configuration allows it', () => {
    const yaml = adSiteYaml(dc.target, { baseDn: dc.seed.ouDn }).replace(
      '"allowPlainLdap":true',
      '"allowPlainLdap":false',
    );
    expect(() =>
      parseSiteConfig(yaml, 'site.yaml', { [PASSWORD_ENV]: 'x', EXSYNC_TEST_EWS_PASSWORD: 'x' }),
    ).toThrow(SiteConfigError);
  });
});

describe('failures an admin can act on', () => {
  it('reports a wrong password as bad credentials naming the account and the variable, not the password', async () => {
    const password = 'Wrong-Secret-4711';
    const d = createDirectory(
      adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, transport: 'ldaps', password }),
    );
    const error = await d.resolve(aliceTarget()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryBadCredentialsError);
    expect(error).toMatchObject({ code: 'directory-bad-credentials', refused: true });
    const message = (error as Error).message;
    expect(message).toContain(dc.target.bindDn);
    expect(message).toContain('wrong password');
    expect(message).toContain(PASSWORD_ENV);
    expect(message).not.toContain(password);
  });

  it('reports a DC that does not answer as unreachable, an outage rather than a refusal', async () => {
    const d = createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, url: 'ldap://127.0.0.1:1' }));
    for (const attempt of [d.resolve(aliceTarget()), d.findGroups('loop'), d.listGroups()]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DirectoryUnreachableError);
      expect(error).toMatchObject({ refused: false });
      expect((error as Error).message).toMatch(/ldap:\/\/127\.0\.0\.1:1 cannot be reached .*ECONNREFUSED/);
    }
  });

  it('reports a base DN that does not exist as a configuration problem', async () => {
    const d = createDirectory(adSiteConfig(dc.target, { baseDn: `OU=nowhere,${dc.seed.ouDn}` }));
    await expect(d.findGroups('loop')).rejects.toThrow(/directory\.baseDn OU=nowhere,.* does not exist/);
    await expect(d.resolve(aliceTarget())).rejects.toBeInstanceOf(DirectoryConfigError);
  });
});
