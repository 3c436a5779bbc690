/** `exsync site config-template`: a commented site configuration to start from. */
export const SITE_CONFIG_TEMPLATE = `# exsync site configuration (YAML; JSON works too).
# Secrets are never written here: each "...Env" names an environment variable that holds the secret.

# The site code, as created with "exsync site create".
site: lon-01

# Where group and mailbox targets are resolved.
directory:
  type: active-directory            # or: microsoft-365 (uses microsoftGraph below)
  url: ldaps://dc1.contoso.com:636  # ldaps:// recommended; ldap:// needs startTls: true
  bindDn: svc-exsync@contoso.com
  bindPasswordEnv: EXSYNC_AD_PASSWORD
  baseDn: DC=contoso,DC=com
  tls:
    caFile: /etc/exsync/contoso-root-ca.pem   # pin the CA that issued the DC certificate
    # servername: dc1.contoso.com              # when the URL uses an IP address
  expansion: in-chain               # nested groups: in-chain (AD matching rule) or recursive
  membershipCacheMinutes: 60        # as MSE: membership changes show within the hour
  groupSoftLimit: 300               # warn above this many mailboxes (MSE advises 250-300)
  catalogRefreshMinutes: 60         # how often groups are published for the bot's "Lookup from AD"

# How mailboxes are reached.
exchange:
  type: ews                         # on-premises Exchange; or: graph (Exchange Online, uses microsoftGraph)
  url: https://mail.contoso.com/EWS/Exchange.asmx
  auth: ntlm                        # or basic
  username: CONTOSO\\svc-exsync       # holds the ApplicationImpersonation role
  passwordEnv: EXSYNC_EWS_PASSWORD
  impersonation: true

# Entra app registration (app-only) for exchange.type graph and/or directory.type microsoft-365.
# microsoftGraph:
#   tenantId: 00000000-0000-0000-0000-000000000000
#   clientId: 00000000-0000-0000-0000-000000000000
#   clientSecretEnv: EXSYNC_GRAPH_CLIENT_SECRET

runtime:
  configPollSeconds: 5              # config changes reach the site within this
  heartbeatSeconds: 15
  maxParallelMailboxes: 4
  passItemLimit: 1000               # items per mailbox per pass, then the next mailbox gets a turn
  cancelGraceSeconds: 10
  # A mailbox lock is a lease, renewed while a run works on the mailbox; a dead worker's lock frees itself after this long.
  lockLeaseSeconds: 120
  # How long a mailbox waits for another task's lock before it fails for this run (code lock-timeout).
  lockWaitMinutes: 60
`;
