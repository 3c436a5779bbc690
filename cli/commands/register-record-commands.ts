import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError, type RecordMeta } from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';
import { readJsonInput } from '../io/read-json-input.ts';
import { formatDetails, formatList } from '../output/format-records.ts';
import type { RecordKind } from './record-kinds.ts';

type ContextFactory = (command: Command) => CliContext;

/** `exsync <kind> list|show|create|update|remove|template`, the same verbs for every config kind. */
export function registerRecordCommands(
  program: Command,
  kind: RecordKind<RecordMeta>,
  context: ContextFactory,
): void {
  const group = program.command(kind.name).description(`Manage ${kind.summary}`);

  group
    .command('list')
    .description(`List every ${kind.name}`)
    .action(async (_o, cmd: Command) => {
      const ctx = context(cmd);
      const records = await ctx.withServices((s) => kind.service(s).list());
      if (ctx.output.json) ctx.output.printJson(records);
      else ctx.output.print(records.length ? formatList(kind.format, records) : `No ${kind.name}s yet.`);
    });

  group
    .command('show')
    .description(`Show one ${kind.name}`)
    .argument('<ref>', kind.refHelp)
    .action(async (ref: string, _o, cmd: Command) => {
      const ctx = context(cmd);
      const record = await ctx.withServices((s) => kind.service(s).get(ref));
      if (ctx.output.json) ctx.output.printJson(record);
      else ctx.output.print(formatDetails(kind.format, record));
    });

  group
    .command('create')
    .description(`Create a ${kind.name} from JSON (start from "exsync ${kind.name} template")`)
    .option('-f, --file <file>', 'JSON input file ("-" or omitted: stdin)')
    .action(async (o: { file?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const input = await readJsonInput(o.file);
      const record = await ctx.withServices((s) => kind.service(s).create(input, ctx.actor as string));
      report(
        ctx,
        record,
        `Created ${kind.name} ${kind.label(record)} (id ${record.id}, version ${record.version}).`,
      );
    });

  group
    .command('update')
    .description(`Change a ${kind.name}: JSON with "version" (the version you read) and the fields to change`)
    .argument('<ref>', kind.refHelp)
    .option('-f, --file <file>', 'JSON input file ("-" or omitted: stdin)')
    .action(async (ref: string, o: { file?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const input = await readJsonInput(o.file);
      const record = await ctx.withServices((s) => kind.service(s).update(ref, input, ctx.actor as string));
      report(ctx, record, `Updated ${kind.name} ${kind.label(record)} (now version ${record.version}).`);
    });

  group
    .command('remove')
    .description(`Remove a ${kind.name}`)
    .argument('<ref>', kind.refHelp)
    .option('--expect-version <n>', 'refuse if the record is no longer at this version', parseVersion)
    .action(async (ref: string, o: { expectVersion?: number }, cmd: Command) => {
      const ctx = context(cmd);
      const record = await ctx.withServices((s) =>
        kind.service(s).remove(ref, ctx.actor as string, o.expectVersion),
      );
      report(ctx, record, `Removed ${kind.name} ${kind.label(record)}.`);
    });

  const template = group
    .command('template')
    .description(`Print a JSON input that "exsync ${kind.name} create" accepts as it is`)
    .action((o: Record<string, string | undefined>, cmd: Command) => {
      context(cmd).output.printJson(kind.template(o));
    });
  for (const t of kind.templateOptions)
    template.addOption(new Option(`--${t.flag} <${t.flag}>`, t.description).choices(t.choices));
}

function report(ctx: CliContext, record: RecordMeta, sentence: string): void {
  if (ctx.output.json) ctx.output.printJson(record);
  else ctx.output.print(sentence);
}

function parseVersion(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError('--expect-version', `"${value}" is not a version number`);
  return n;
}
