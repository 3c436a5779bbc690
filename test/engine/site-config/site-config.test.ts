import { describe, expect, it } from 'vitest';
import { SITE_CONFIG_TEMPLATE, SiteConfigError, parseSiteConfig } from '../../../engine/site-config/index.ts';

const env = {
  EXSYNC_AD_PASSWORD: 'ad-secret',
  EXSYNC_EWS_PASSWORD: 'ews-secret',
  EXSYNC_GRAPH_CLIENT_SECRET: 'graph-secret',
};

function problems(text: string, environment: Record<string, string> = env): readonly string[] {
  try {
    parseSiteConfig(text, 'site.yaml', environment);
  } catch (error) {
    expect(error).toBeInstanceOf(SiteConfigError);
    return (error as SiteConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('site configuration', () => {
  it('accepts the template as printed, with defaults filled and secrets read from the environment', () => {
    const { config, secrets } = parseSiteConfig(SITE_CONFIG_TEMPLATE, 'site.yaml', env);
    expect(config.site).toBe('lon-01');
    expect(config.directory).toMatchObject({
      type: 'active-directory',
      expansion: 'in-chain',
      membershipCacheMinutes: 60,
    });
    expect(config.exchange).toMatchObject({ type: 'ews', username: 'CONTOSO\\svc-exsync', auth: 'ntlm' });
    expect(config.runtime).toEqual({
      configPollSeconds: 5,
      heartbeatSeconds: 15,
      maxParallelMailboxes: 4,
      passItemLimit: 1000,
      cancelGraceSeconds: 10,
      lockLeaseSeconds: 120,
      lockWaitMinutes: 60,
    });
    expect(secrets).toEqual({ EXSYNC_AD_PASSWORD: 'ad-secret', EXSYNC_EWS_PASSWORD: 'ews-secret' });
  });

  it('lists every problem at once', () => {
    const text = `
site: "LON 01"
directory: { type: active-directory, url: "ldap://dc1", bindDn: x, bindPasswordEnv: "ad password", baseDn: DC=x }
exchange: { type: graph }
runtime: { configPollSeconds: 600 }
`;
    expect(problems(text)).toEqual([
      'site: must be 1–40 letters, digits or "-", starting and ending with a letter or digit (e.g. "lon-01")',
      'directory.bindPasswordEnv: must name an environment variable (A-Z, 0-9, _), e.g. "EXSYNC_AD_PASSWORD"',
      'runtime.configPollSeconds: must be at most 120',
      'microsoftGraph: is required when exchange.type is graph',
      'directory.url: is plain LDAP: use ldaps://, or set startTls: true, or (labs only) allowPlainLdap: true',
    ]);
  });

  it('names secrets missing from the environment without printing any secret', () => {
    const text = SITE_CONFIG_TEMPLATE.replace('# microsoftGraph:', 'microsoftGraph:')
      .replace('#   tenantId', '  tenantId')
      .replace('#   clientId', '  clientId')
      .replace('#   clientSecretEnv', '  clientSecretEnv');
    expect(problems(text, { EXSYNC_AD_PASSWORD: 'ad-secret' })).toEqual([
      'exchange.passwordEnv: environment variable EXSYNC_EWS_PASSWORD is not set',
      'microsoftGraph.clientSecretEnv: environment variable EXSYNC_GRAPH_CLIENT_SECRET is not set',
    ]);
  });

  it('refuses malformed YAML and unknown settings', () => {
    expect(problems('site: [unclosed')[0]).toMatch(/^not valid YAML: /);
    expect(problems(`${SITE_CONFIG_TEMPLATE}\nextra: 1\n`)).toEqual(['extra: is not a known field']);
  });
});
