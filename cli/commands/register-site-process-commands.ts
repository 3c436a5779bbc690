import type { Command } from 'commander';
import { SiteConfigError, SiteRuntime, createLogger, loadSiteConfig, openStore } from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';
import { SiteConfigRefused } from '../errors/site-config-refused.ts';

/**
 * `exsync site --config F`: run this host's site until SIGINT/SIGTERM. The configuration is validated
 * first and every problem is listed; nothing starts with a bad one.
 */
export function registerSiteProcessCommands(
  program: Command,
  context: (command: Command) => CliContext,
): void {
  const site = program.commands.find((c) => c.name() === 'site');
  if (!site) throw new Error('register the site commands before the site process commands');
  site
    .option(
      '--config <file>',
      'run the site described by this configuration file (see "exsync site config-template")',
    )
    .action(async (o: { config?: string }, cmd: Command) => {
      if (!o.config) return void cmd.help();
      const ctx = context(cmd);
      const loaded = await loadSiteConfig(o.config).catch((error: unknown) => {
        throw error instanceof SiteConfigError ? new SiteConfigRefused(error) : error;
      });
      const logger = createLogger({ level: ctx.env.LOG_LEVEL, name: `exsync-site-${loaded.config.site}` });
      const storeOptions = { dataDir: ctx.env.EXSYNC_DATA_DIR, url: ctx.env.EXSYNC_STORE_URL };
      const store = await openStore(storeOptions);
      const runtime = new SiteRuntime({ loaded, store, storeOptions, logger });
      await runtime.start();
      ctx.output.error(`exsync site ${loaded.config.site} running (store ${store.location}); Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      ctx.output.error('stopping: cancelling runs in progress');
      await runtime.stop();
      await store.close();
    });
}
