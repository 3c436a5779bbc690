import type { Command } from 'commander';
import {
  DirectoryConfigError,
  createDirectory,
  parseTarget,
  searchGroupCatalog,
  type SiteDirectory,
} from '../../engine/adapters/directory/index.ts';
import {
  InputError,
  SiteConfigError,
  createLogger,
  describeTarget,
  loadSiteConfig,
  openStore,
  type DirectoryGroup,
  type LoadedSiteConfig,
  type Resolution,
} from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';
import { readJsonInput } from '../io/read-json-input.ts';
import { formatTable } from '../output/table.ts';

type ContextFactory = (command: Command) => CliContext;

interface SiteOptions {
  site: string;
  config?: string;
}

/**
 * `exsync directory resolve|groups|catalog`: what a target resolves to on a site's directory, live group
 * lookups, and lookups in the catalog the site published. `resolve` and `groups` reach the directory with
 * the site's local configuration (--config or EXSYNC_SITE_CONFIG, secrets from the environment), so they
 * run on the site host; `catalog` reads only the shared store.
 */
export function registerDirectoryCommands(program: Command, context: ContextFactory): void {
  const directory = program
    .command('directory')
    .description("Resolve targets and look up groups in a site's directory (AD or Microsoft 365)");

  directory
    .command('resolve')
    .description('Show the mailboxes a target resolves to on the site, with every entry left out and why')
    .requiredOption('--site <code>', 'the site whose directory resolves the target')
    .requiredOption(
      '--target-file <file>',
      'JSON target, e.g. {"kind":"ad-group","dn":"CN=...","groupKind":"security"}',
    )
    .option('--config <file>', "the site's configuration file (default: $EXSYNC_SITE_CONFIG)")
    .action(async (o: SiteOptions & { targetFile: string }, cmd: Command) => {
      const ctx = context(cmd);
      const target = parseTarget(await readJsonInput(o.targetFile));
      // Always a fresh read: this is how an admin checks what the next run will see.
      const resolution = await withDirectory(ctx, o, (d) => d.resolve(target, { refresh: true }));
      if (ctx.output.json) ctx.output.printJson(resolution);
      else ctx.output.print(formatResolution(describeTarget(target), resolution));
    });

  directory
    .command('groups')
    .description("Look up groups in the site's directory by the start of their name, mail or account name")
    .requiredOption('--site <code>', 'the site whose directory is searched')
    .requiredOption('--query <text>', 'the start of a group name, e-mail address or account name')
    .option('--config <file>', "the site's configuration file (default: $EXSYNC_SITE_CONFIG)")
    .action(async (o: SiteOptions & { query: string }, cmd: Command) => {
      const ctx = context(cmd);
      const groups = await withDirectory(ctx, o, (d) => d.findGroups(o.query));
      if (ctx.output.json) ctx.output.printJson(groups);
      else ctx.output.print(formatGroups(groups));
    });

  directory
    .command('catalog')
    .description('Look up groups in the catalog the site published to the store (no directory connection)')
    .requiredOption('--site <code>', 'the site whose catalog is searched')
    .requiredOption('--query <text>', 'the start of a group name, e-mail address or account name')
    .action(async (o: { site: string; query: string }, cmd: Command) => {
      const ctx = context(cmd);
      const store = await openStore({ dataDir: ctx.env.EXSYNC_DATA_DIR, url: ctx.env.EXSYNC_STORE_URL });
      try {
        const found = await searchGroupCatalog(store, o.site, o.query);
        if (ctx.output.json) ctx.output.printJson(found);
        else
          ctx.output.print(
            `Catalog of site ${found.site}, published ${found.publishedAt}:\n${formatGroups(found.groups)}`,
          );
      } finally {
        await store.close();
      }
    });
}

async function withDirectory<T>(
  ctx: CliContext,
  o: SiteOptions,
  use: (d: SiteDirectory) => Promise<T>,
): Promise<T> {
  const loaded = await loadConfig(o.config ?? ctx.env.EXSYNC_SITE_CONFIG);
  if (loaded.config.site !== o.site)
    throw new InputError(
      '--site',
      `"${o.site}" is not the site of ${loaded.file}, which configures site "${loaded.config.site}"`,
    );
  const directory = createDirectory(loaded, createLogger({ level: ctx.env.LOG_LEVEL, name: 'exsync-cli' }));
  try {
    return await use(directory);
  } finally {
    await directory.close();
  }
}

async function loadConfig(file: string | undefined): Promise<LoadedSiteConfig> {
  if (!file)
    throw new InputError(
      '--config',
      'is not given and EXSYNC_SITE_CONFIG is not set; name the site configuration file',
    );
  try {
    return await loadSiteConfig(file);
  } catch (error) {
    if (error instanceof SiteConfigError) throw new DirectoryConfigError(error.message, { cause: error });
    throw error;
  }
}

function formatResolution(target: string, r: Resolution): string {
  const lines = [
    `${target}: ${r.mailboxes.length} mailbox${r.mailboxes.length === 1 ? '' : 'es'}, ${r.skipped.length} skipped (read ${r.resolvedAt})`,
    '',
    formatTable(
      ['EMAIL', 'NAME', 'HIDDEN'],
      r.mailboxes.map((m) => [m.email, m.displayName, m.hiddenFromAddressLists ? 'yes' : '']),
    ),
  ];
  if (r.skipped.length > 0)
    lines.push(
      '',
      formatTable(
        ['SKIPPED', 'REASON', 'DETAIL'],
        r.skipped.map((s) => [s.entry, s.reason, s.detail ?? '']),
      ),
    );
  for (const warning of r.warnings) lines.push('', `Warning: ${warning}`);
  return lines.join('\n');
}

function formatGroups(groups: readonly DirectoryGroup[]): string {
  if (groups.length === 0) return 'No group matches.';
  return formatTable(
    ['NAME', 'KIND', 'MAIL', 'MEMBERS', 'DN'],
    groups.map((g) => [
      g.name,
      g.kind,
      g.mail ?? '',
      g.memberCount === undefined ? '' : String(g.memberCount),
      g.dn,
    ]),
  );
}
