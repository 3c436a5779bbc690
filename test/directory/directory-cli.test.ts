/**
 * `exsync directory resolve|groups|catalog` in a child process, as an admin on a site host runs them:
 * against the real DC over LDAPS (CA pinned), with the site configuration from --config or
 * EXSYNC_SITE_CONFIG, and refusals as exit code 2 with one line.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDirectory, publishGroupCatalog } from '../../engine/adapters/directory/index.ts';
import { openStore } from '../../engine/adapters/store/open-store.ts';
import type { Resolution } from '../../engine/ports/directory.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { PASSWORD_ENV, adSiteConfig, adSiteYaml, useSeededDc } from '../engine/directory/support/ad-site.ts';

const ENTRY = path.resolve(import.meta.dirname, 'support/directory-cli.ts');
const dc = useSeededDc();
const dir = tempDir();
const dataDir = path.join(dir, 'data');
const configFile = path.join(dir, 'site.yaml');
const file = (name: string, content: unknown) => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

beforeAll(() => {
  writeFileSync(configFile, adSiteYaml(dc.target, { baseDn: dc.seed.ouDn, transport: 'ldaps' }));
});

function exsync(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '/root',
        EXSYNC_DATA_DIR: dataDir,
        [PASSWORD_ENV]: dc.target.password,
        EXSYNC_TEST_EWS_PASSWORD: 'unused',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function refused(args: string[], env?: Record<string, string>): Promise<string> {
  const r = await exsync(args, env);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

const loopA = () =>
  file('loopA.json', { kind: 'ad-group', dn: dc.seed.groups.loopA.dn, groupKind: 'security' });

describe('exsync directory resolve', () => {
  it('prints the resolution as JSON, with the configuration from --config', async () => {
    const r = await exsync([
      'directory',
      'resolve',
      '--site',
      'lab-01',
      '--target-file',
      loopA(),
      '--config',
      configFile,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const resolution = JSON.parse(r.stdout) as Resolution;
    expect(resolution.mailboxes.map((m) => m.email)).toEqual(
      [dc.seed.users.erin.mail, dc.seed.users.gina.mail, dc.seed.users.hank.mail].sort(),
    );
  });

  it('prints mailboxes, skipped entries and reasons for people, with EXSYNC_SITE_CONFIG', async () => {
    const target = file('storage.json', {
      target: { kind: 'ad-group', dn: dc.seed.groups.storage.dn, groupKind: 'security' },
    });
    const r = await exsync(['directory', 'resolve', '--site', 'lab-01', '--target-file', target], {
      EXSYNC_SITE_CONFIG: configFile,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`AD security group ${dc.seed.groups.storage.dn}: 4 mailboxes, 2 skipped`);
    expect(r.stdout).toMatch(
      new RegExp(`${dc.seed.users.disabled.dn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+account disabled`),
    );
  });

  it('refuses a site that is not the configured one, a missing configuration, and bad targets, in one line', async () => {
    expect(
      await refused([
        'directory',
        'resolve',
        '--site',
        'lab-02',
        '--target-file',
        loopA(),
        '--config',
        configFile,
      ]),
    ).toMatch(/--site: "lab-02" is not the site of .*site\.yaml, which configures site "lab-01"/);
    expect(await refused(['directory', 'resolve', '--site', 'lab-01', '--target-file', loopA()])).toMatch(
      /--config: is not given and EXSYNC_SITE_CONFIG is not set/,
    );
    const malformed = file('bad.json', { kind: 'ad-group', dn: 'CN=a,,DC=x', groupKind: 'security' });
    expect(
      await refused([
        'directory',
        'resolve',
        '--site',
        'lab-01',
        '--target-file',
        malformed,
        '--config',
        configFile,
      ]),
    ).toMatch(/target\.dn: is not a valid distinguished name/);
    const empty = file('empty.json', {
      kind: 'ad-group',
      dn: dc.seed.groups.bulk.dn,
      groupKind: 'distribution',
    });
    expect(
      await refused([
        'directory',
        'resolve',
        '--site',
        'lab-01',
        '--target-file',
        empty,
        '--config',
        configFile,
      ]),
    ).toMatch(/resolved to no mailbox/);
    const broken = file('broken.yaml', 'site: lab-01\ndirectory: {type: active-directory}\n');
    expect(
      await refused(['directory', 'groups', '--site', 'lab-01', '--query', 'x', '--config', broken]),
    ).toMatch(/broken\.yaml: \d+ problems: .*directory\.url/);
  });

  it('refuses a group DN with an escaped NUL, and one the DC matches to another group, never printing its members', async () => {
    const loopA = dc.seed.groups.loopA.dn;
    const rest = loopA.slice(loopA.indexOf(','));
    const run = (name: string, dn: string) =>
      refused([
        'directory',
        'resolve',
        '--site',
        'lab-01',
        '--target-file',
        file(name, { kind: 'ad-group', dn, groupKind: 'security' }),
        '--config',
        configFile,
      ]);
    expect(await run('nul.json', `CN=loopA\\00anything${rest}`)).toMatch(
      /^exsync: target\.dn: is not a valid distinguished name \(RFC 4514\): the value contains a control character \(U\+0000\)/,
    );
    expect(await run('space.json', `CN=\\ loopA${rest}`)).toContain(
      `does not exist in Active Directory: the DC answered with ${loopA}, another object`,
    );
  });

  it('fails (exit 1) when the DC cannot be reached, saying so', async () => {
    const down = file(
      'down.yaml',
      adSiteYaml(dc.target, { baseDn: dc.seed.ouDn, url: 'ldap://127.0.0.1:1' }),
    );
    const r = await exsync(
      ['directory', 'resolve', '--site', 'lab-01', '--target-file', loopA(), '--config', down],
      { LOG_LEVEL: 'error' },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Active Directory at ldap:\/\/127\.0\.0\.1:1 cannot be reached/);
  });
});

describe('exsync directory groups and catalog', () => {
  it('looks up groups live in the directory', async () => {
    const r = await exsync([
      'directory',
      'groups',
      '--site',
      'lab-01',
      '--query',
      'loop',
      '--config',
      configFile,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { name: string }[]).map((g) => g.name)).toEqual([
      'loopA',
      'loopB',
      'loopC',
    ]);
    const human = await exsync([
      'directory',
      'groups',
      '--site',
      'lab-01',
      '--query',
      'all',
      '--config',
      configFile,
    ]);
    expect(human.stdout).toMatch(/^NAME\s+KIND\s+MAIL\s+MEMBERS\s+DN\nallStaff\s+distribution\s+/);
  });

  it('answers from the published catalog, and says when there is none', async () => {
    expect(await refused(['directory', 'catalog', '--site', 'lab-01', '--query', 'loop'])).toMatch(
      /site lab-01 has not published a group catalog yet/,
    );
    const store = await openStore({ dataDir });
    try {
      const directory = createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn }));
      await publishGroupCatalog({ site: 'lab-01', directory, store });
    } finally {
      await store.close();
    }
    const r = await exsync(['directory', 'catalog', '--site', 'lab-01', '--query', 'LOOP', '--json']);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout) as { site: string; groups: { name: string; memberCount: number }[] };
    expect(found.site).toBe('lab-01');
    expect(found.groups.map((g) => [g.name, g.memberCount])).toEqual([
      ['loopA', 2],
      ['loopB', 2],
      ['loopC', 2],
    ]);
  });
});
