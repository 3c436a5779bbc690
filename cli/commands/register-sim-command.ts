import { Option, type Command } from 'commander';
import { InputError } from '../../engine/index.ts';
import type { RunSimOptions } from '../../test/sim/cli/run-sim.ts';
import type { CliContext } from '../cli-context.ts';

/**
 * `exsync sim`: the simulated Exchange (EWS + Graph + its directory) on loopback, for demos, tests and
 * benchmarks. Prints one JSON line describing how to reach it (with `mailboxCount` and `mailboxPattern`,
 * as `mailboxes` is only a sample), then serves until stopped.
 */
export function registerSimCommand(program: Command, context: (command: Command) => CliContext): void {
  program
    .command('sim')
    .description('Run the simulated Exchange (EWS and Microsoft Graph) on 127.0.0.1 until stopped')
    .option('--port <port>', 'EWS over HTTP port (default: any free port)', integer('--port'))
    .option(
      '--https-port <port>',
      'HTTPS port for EWS and Graph (default: any free port)',
      integer('--https-port'),
    )
    .option(
      '--mailboxes <n>',
      'mailboxes in the generated population, named user00001@example.test, user00002@… (the JSON prints the pattern)',
      integer('--mailboxes'),
      20,
    )
    .option('--folders <n>', 'user folders per mailbox', integer('--folders'))
    .option('--items <n>', 'items per folder', integer('--items'))
    .option('--seed <seed>', 'population seed (same seed, same content)', '1')
    .option('--latency-ms <ms>', 'latency added to every request', integer('--latency-ms'))
    .option('--site-config <file>', 'write a site configuration that points at this simulator')
    .addOption(
      new Option('--protocol <protocol>', 'Exchange protocol of the written site configuration')
        .choices(['ews', 'graph'])
        .default('ews'),
    )
    .option('--site <code>', 'site code of the written site configuration', 'sim-01')
    .action(async (o: RunSimOptions, cmd: Command) => {
      const ctx = context(cmd);
      // Loaded on demand: the simulator is large and only this command needs it.
      const { runSim } = await import('../../test/sim/cli/run-sim.ts');
      const { sim, description } = await runSim(o);
      ctx.output.print(JSON.stringify(description));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sim.close();
    });
}

function integer(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InputError(flag, `"${value}" is not a whole number`);
    return n;
  };
}
