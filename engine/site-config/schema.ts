import { z } from 'zod';
import { siteCode } from '../domain/site.ts';

/**
 * A site's local configuration: which site it is and how it reaches the directory and Exchange. It
 * lives in a file on the site host; secrets are named environment variables (`…Env`), never values,
 * so the file can be reviewed and the shared store never sees them.
 */

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
  message: 'must name an environment variable (A-Z, 0-9, _), e.g. "EXSYNC_AD_PASSWORD"',
});

const filePath = z.string().min(1);

const httpsUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s):// URL' });

/** One Entra app registration (app-only, client secret) used for Graph mail and/or the Microsoft 365 directory. */
export const microsoftGraphSettings = z.strictObject({
  tenantId: z.string().min(1),
  clientId: z.string().min(1),
  clientSecretEnv: envName,
  /** Entra authority (https://login.microsoftonline.com); the simulator points this at itself. */
  authorityHost: httpsUrl.default('https://login.microsoftonline.com'),
  /** Graph root (https://graph.microsoft.com). */
  baseUrl: httpsUrl.default('https://graph.microsoft.com'),
  /** Extra CA certificate (PEM) to trust, e.g. a TLS-inspecting proxy or the simulator. */
  caFile: filePath.optional(),
});

/** Settings every directory type has. */
const directoryCommon = {
  /** How long a group's membership is reused (MSE: one hour); 0 resolves on every run. */
  membershipCacheMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  /** MSE advises 250–300 mailboxes per group; above this a resolution carries a warning. */
  groupSoftLimit: z.number().int().min(1).default(300),
  /** How often the site publishes its groups for the bot's "Lookup from AD". */
  catalogRefreshMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
};

export const activeDirectorySettings = z.strictObject({
  type: z.literal('active-directory'),
  /** ldaps://dc.contoso.com:636 (recommended) or ldap://… with startTls, or plain with allowPlainLdap. */
  url: z
    .string()
    .regex(/^ldaps?:\/\/[^/\s]+$/, { message: 'must be ldap://host[:port] or ldaps://host[:port]' }),
  bindDn: z.string().min(1),
  bindPasswordEnv: envName,
  baseDn: z.string().min(1),
  tls: z
    .strictObject({
      /** PEM file of the CA that issued the DC certificate (pinning). */
      caFile: filePath.optional(),
      /** Name on the DC certificate when the URL uses an IP address. */
      servername: z.string().min(1).optional(),
      /** Accept any certificate. Only for labs; logged as a warning at start. */
      insecureSkipVerify: z.boolean().default(false),
    })
    .default({ insecureSkipVerify: false }),
  startTls: z.boolean().default(false),
  /** Plain, unencrypted LDAP (passwords in clear). Refused unless set. */
  allowPlainLdap: z.boolean().default(false),
  /** How nested groups are expanded: AD's in-chain matching rule, or a recursive ranged walk. */
  expansion: z.enum(['in-chain', 'recursive']).default('in-chain'),
  ...directoryCommon,
});

export const microsoft365DirectorySettings = z.strictObject({
  type: z.literal('microsoft-365'),
  ...directoryCommon,
});

export const ewsSettings = z.strictObject({
  type: z.literal('ews'),
  /** https://mail.contoso.com/EWS/Exchange.asmx — give it directly; autodiscover is not used. */
  url: httpsUrl,
  auth: z.enum(['ntlm', 'basic']).default('ntlm'),
  /** CONTOSO\svc-exsync or svc-exsync@contoso.com; the account holds ApplicationImpersonation. */
  username: z.string().min(1),
  passwordEnv: envName,
  impersonation: z.boolean().default(true),
  version: z.enum(['Exchange2013', 'Exchange2013_SP1', 'Exchange2016']).default('Exchange2016'),
  caFile: filePath.optional(),
});

export const graphMailSettings = z.strictObject({ type: z.literal('graph') });

export const runtimeSettings = z.strictObject({
  /** How often the site looks for config changes (DESIGN: ≤ 5 s; MSE promised 2 minutes). */
  configPollSeconds: z.number().min(0.2).max(120).default(5),
  heartbeatSeconds: z.number().min(1).max(300).default(15),
  /** Mailboxes one run works on at once. */
  maxParallelMailboxes: z.number().int().min(1).max(64).default(4),
  /** Items per mailbox per pass before it goes to the back of the queue (Enterprise Vault: 1,000). */
  passItemLimit: z.number().int().min(1).default(1000),
  /** How long a cancelled worker may take to stop before it is terminated. */
  cancelGraceSeconds: z.number().min(0.1).max(600).default(10),
  /**
   * A mailbox lock is a lease of this length, renewed while its run works on the mailbox; the lock of
   * a worker that died frees itself after this long even if nothing releases it.
   */
  lockLeaseSeconds: z.number().min(1).max(3600).default(120),
  /** How long a mailbox waits for another task's lock before it is failed for this run (as "lock-timeout"). */
  lockWaitMinutes: z
    .number()
    .min(0.01)
    .max(24 * 60)
    .default(60),
});

export const siteConfigSchema = z
  .strictObject({
    site: siteCode,
    directory: z.discriminatedUnion('type', [activeDirectorySettings, microsoft365DirectorySettings]),
    exchange: z.discriminatedUnion('type', [ewsSettings, graphMailSettings]),
    microsoftGraph: microsoftGraphSettings.optional(),
    runtime: runtimeSettings.prefault({}),
  })
  .superRefine((c, ctx) => {
    const needsGraph = c.directory.type === 'microsoft-365' || c.exchange.type === 'graph';
    if (needsGraph && !c.microsoftGraph)
      ctx.addIssue({
        code: 'custom',
        path: ['microsoftGraph'],
        message: `is required when ${c.directory.type === 'microsoft-365' ? 'directory.type is microsoft-365' : 'exchange.type is graph'}`,
      });
    if (c.directory.type === 'active-directory') {
      const d = c.directory;
      if (d.url.startsWith('ldap://') && !d.startTls && !d.allowPlainLdap)
        ctx.addIssue({
          code: 'custom',
          path: ['directory', 'url'],
          message: 'is plain LDAP: use ldaps://, or set startTls: true, or (labs only) allowPlainLdap: true',
        });
      if (d.url.startsWith('ldaps://') && d.startTls)
        ctx.addIssue({
          code: 'custom',
          path: ['directory', 'startTls'],
          message: 'cannot be used with ldaps:// (already TLS)',
        });
    }
  });

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type ActiveDirectorySettings = z.infer<typeof activeDirectorySettings>;
export type Microsoft365DirectorySettings = z.infer<typeof microsoft365DirectorySettings>;
export type EwsSettings = z.infer<typeof ewsSettings>;
export type MicrosoftGraphSettings = z.infer<typeof microsoftGraphSettings>;
export type RuntimeSettings = z.infer<typeof runtimeSettings>;
