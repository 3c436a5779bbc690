import type { Command } from 'commander';
import { InputError, SiteConfigError, loadSiteConfig } from '../../engine/index.ts';
import { createSiteAdapters } from '../../engine/site/create-site-adapters.ts';
import type { CliContext } from '../cli-context.ts';
import { CommandFailed } from '../errors/command-failed.ts';
import { SiteConfigRefused } from '../errors/site-config-refused.ts';

interface CheckResult {
  readonly check: string;
  readonly ok: boolean | null;
  readonly detail: string;
}

/**
 * `exsync site check --config F [--mailbox M]`: what an admin's "Test connection" button does. The
 * configuration is validated (every problem listed, exit 2), then the directory and Exchange are
 * each tried for real; a failed connection exits 1 with the reason.
 */
export function registerSiteCheckCommand(program: Command, context: (command: Command) => CliContext): void {
  const site = program.commands.find((c) => c.name() === 'site');
  if (!site) throw new Error('register the site commands before "site check"');
  site
    .command('check')
    .description('Validate a site configuration and test its directory and Exchange connections')
    // --config is the "site" command's own option (exsync site --config F runs a site); read it from there.
    .option('--config <file>', 'the site configuration file')
    .option('--mailbox <address>', 'a mailbox to read the folder list of, testing Exchange access')
    .action(async (_o, cmd: Command) => {
      const ctx = context(cmd);
      const o = cmd.optsWithGlobals<{ config?: string; mailbox?: string }>();
      if (!o.config) throw new InputError('--config', 'is required: the site configuration file to check');
      const loaded = await loadSiteConfig(o.config).catch((error: unknown) => {
        throw error instanceof SiteConfigError ? new SiteConfigRefused(error) : error;
      });
      const { config } = loaded;
      const results: CheckResult[] = [{ check: 'configuration', ok: true, detail: `site ${config.site}` }];
      const adapters = await createSiteAdapters(loaded);
      try {
        results.push(
          await attempt(`directory (${config.directory.type})`, async () => {
            const groups = await adapters.directory.findGroups('a', 3);
            return `connected; ${groups.length} group(s) found starting with "a"`;
          }),
        );
        results.push(
          o.mailbox
            ? await attempt(`exchange (${config.exchange.type})`, async () => {
                const { folders } = await adapters.exchange.listFolders(o.mailbox as string);
                return `read ${folders.length} folders of ${o.mailbox}`;
              })
            : {
                check: `exchange (${config.exchange.type})`,
                ok: null,
                detail: 'not tested: give --mailbox <address> to read one mailbox',
              },
        );
      } finally {
        await adapters.close();
      }
      if (ctx.output.json) ctx.output.printJson(results);
      else
        ctx.output.print(
          results
            .map((r) => `${r.ok === null ? 'SKIP' : r.ok ? 'OK  ' : 'FAIL'}  ${r.check}: ${r.detail}`)
            .join('\n'),
        );
      if (results.some((r) => r.ok === false)) throw new CommandFailed('a connection test failed');
    });
}

async function attempt(check: string, run: () => Promise<string>): Promise<CheckResult> {
  try {
    return { check, ok: true, detail: await run() };
  } catch (error) {
    return { check, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
