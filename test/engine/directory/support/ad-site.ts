import type { Client } from 'ldapts';
import { afterAll, beforeAll } from 'vitest';
import { parseSiteConfig, type LoadedSiteConfig } from '../../../../engine/site-config/index.ts';
import { openClient, type LdapTarget } from '../../../infra/directory/ldap-target.ts';
import { removeSeed } from '../../../infra/directory/remove.ts';
import { requireLdap } from '../../../infra/directory/require-ldap.ts';
import { seedDirectory, type SeededDirectory, type SeedOptions } from '../../../infra/directory/seed.ts';

export const PASSWORD_ENV = 'EXSYNC_TEST_AD_PASSWORD';

export interface AdSiteOptions {
  /** The seed's OU, so that each test file sees only its own objects on the shared DC. */
  baseDn: string;
  transport?: 'plain' | 'ldaps' | 'starttls';
  expansion?: 'in-chain' | 'recursive';
  groupSoftLimit?: number;
  membershipCacheMinutes?: number;
  password?: string;
  url?: string;
  tls?: { caFile?: string; servername?: string; insecureSkipVerify?: boolean };
  site?: string;
}

/** A site configuration for the test DC, written as an admin would and loaded through the real validator. */
export function adSiteYaml(target: LdapTarget, o: AdSiteOptions): string {
  const transport = o.transport ?? 'plain';
  const ldaps = target.ldaps;
  if (transport !== 'plain' && !ldaps) throw new Error('the test DC has no LDAPS facts');
  const pinned = ldaps ? { caFile: ldaps.caPath, servername: ldaps.servername } : {};
  const directory = {
    type: 'active-directory',
    url: o.url ?? (transport === 'ldaps' ? ldaps?.url : target.url),
    bindDn: target.bindDn,
    bindPasswordEnv: PASSWORD_ENV,
    baseDn: o.baseDn,
    ...(transport === 'plain' ? { allowPlainLdap: true } : { tls: o.tls ?? pinned }),
    ...(transport === 'starttls' ? { startTls: true } : {}),
    expansion: o.expansion ?? 'in-chain',
    groupSoftLimit: o.groupSoftLimit ?? 300,
    membershipCacheMinutes: o.membershipCacheMinutes ?? 0,
  };
  return JSON.stringify({
    site: o.site ?? 'lab-01',
    directory,
    exchange: {
      type: 'ews',
      url: 'https://mail.example.test/EWS/Exchange.asmx',
      username: 'EXAMPLE\\svc',
      passwordEnv: 'EXSYNC_TEST_EWS_PASSWORD',
    },
  });
}

export function adSiteConfig(target: LdapTarget, o: AdSiteOptions): LoadedSiteConfig {
  return parseSiteConfig(adSiteYaml(target, o), 'site.yaml', {
    [PASSWORD_ENV]: o.password ?? target.password,
    EXSYNC_TEST_EWS_PASSWORD: 'unused',
  });
}

export interface SeededDc {
  target: LdapTarget;
  admin: Client;
  seed: SeededDirectory;
}

/** Seeds this test file's own OU on the shared DC before its tests, and unbinds (and cleans up a DC we do not own) after. */
export function useSeededDc(options: SeedOptions = {}): SeededDc {
  const dc = {} as SeededDc;
  beforeAll(async () => {
    dc.target = requireLdap();
    dc.admin = await openClient(dc.target);
    dc.seed = await seedDirectory(dc.admin, dc.target.baseDn, options);
  }, 180_000);
  afterAll(async () => {
    if (!dc.admin) return;
    if (dc.seed && !dc.target.disposable) await removeSeed(dc.admin, dc.seed);
    await dc.admin.unbind();
  });
  return dc;
}
