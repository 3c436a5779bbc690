import type { Command } from 'commander';
import { SITE_CONFIG_TEMPLATE } from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';

/** `exsync site config-template`: the commented local configuration a site host starts from. */
export function registerSiteConfigCommands(
  program: Command,
  context: (command: Command) => CliContext,
): void {
  const site = program.commands.find((c) => c.name() === 'site');
  if (!site) throw new Error('register the site commands before the site configuration commands');
  site
    .command('config-template')
    .description("Print a commented site configuration (YAML) for a site host's --config file")
    .action((_o, cmd: Command) => {
      context(cmd).output.print(SITE_CONFIG_TEMPLATE.trimEnd());
    });
}
