import type { Command } from 'commander';
import { InputError, describeSiteEvent, type ReadSiteEvent, type Services } from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';

interface EventsOptions {
  after?: number;
  limit?: number;
  follow?: boolean;
}

/** Without --after, how many of the newest events to show (like `tail`). */
const DEFAULT_TAIL = 20;

/**
 * `exsync site events <code>`: a site's event feed, one line per event (`#seq time type summary`) or
 * one JSON object per line with --json; --follow keeps printing new events until Ctrl-C.
 */
export function registerSiteEventsCommand(program: Command, context: (command: Command) => CliContext): void {
  const site = program.commands.find((c) => c.name() === 'site');
  if (!site) throw new Error('register the site commands before the site events command');
  site
    .command('events')
    .description("Show a site's events (runs, config changes, alerts); --follow to keep watching")
    .argument('<code>', 'site code')
    .option('--after <seq>', 'only events after this one (the last #seq you saw)', parseWhole('--after', 0))
    .option(
      '--limit <n>',
      `at most n events (default: the newest ${DEFAULT_TAIL}, or 100 after --after)`,
      parseWhole('--limit', 1),
    )
    .option('--follow', 'keep printing new events until Ctrl-C')
    .action(async (code: string, o: EventsOptions, cmd: Command) => {
      const ctx = context(cmd);
      const print = (e: ReadSiteEvent) =>
        ctx.output.print(ctx.output.json ? JSON.stringify(e) : formatEvent(e));
      await ctx.withServices(async (s) => {
        const site = (await s.sites.get(code)).code;
        const shown = await firstEvents(s, site, o);
        shown.forEach(print);
        if (!o.follow) {
          if (!shown.length && !ctx.output.json) ctx.output.error(`No events from site ${site} yet.`);
          return;
        }
        await follow(s, site, shown.at(-1)?.seq ?? o.after, print, (text) => ctx.output.error(text));
      });
    });
}

function firstEvents(s: Services, site: string, o: EventsOptions): Promise<ReadSiteEvent[]> {
  if (o.after !== undefined) return s.siteEvents.read(site, { after: o.after, limit: o.limit });
  // Following from nothing: begin at the newest event, so the feed shows only what happens next.
  return s.siteEvents.latest(site, { limit: o.limit ?? DEFAULT_TAIL });
}

async function follow(
  s: Services,
  site: string,
  after: number | undefined,
  print: (e: ReadSiteEvent) => void,
  warn: (text: string) => void,
): Promise<void> {
  const stop = new AbortController();
  const abort = () => stop.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    const events = s.siteEvents.follow(site, {
      after,
      signal: stop.signal,
      onError: (error) => warn(`exsync: reading events failed, retrying: ${(error as Error).message}`),
    });
    for await (const event of events) print(event);
  } finally {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  }
}

/** `#12 2026-11-29 23:00:02Z run-finished Run of "Nightly" succeeded …` */
export function formatEvent(e: ReadSiteEvent): string {
  const time = e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return `#${e.seq} ${time} ${e.type} ${describeSiteEvent(e)}`;
}

function parseWhole(option: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
      throw new InputError(option, `"${value}" is not a whole number${min ? ` of ${min} or more` : ''}`);
    return n;
  };
}
