import type { Command } from 'commander';
import { InputError, changedFields, type AuditEntry } from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';
import { formatTable } from '../output/table.ts';

/** `exsync audit list`: every change made through the services, oldest first. */
export function registerAuditCommands(program: Command, context: (command: Command) => CliContext): void {
  const audit = program.command('audit').description('Read the audit log of changes');
  audit
    .command('list')
    .description('List changes, oldest first')
    .option('--kind <kind>', 'only site, schedule, definition or task changes')
    .option('--limit <n>', 'only the newest n entries', parseLimit)
    .action(async (o: { kind?: string; limit?: number }, cmd: Command) => {
      const ctx = context(cmd);
      const entries = await ctx.withServices((s) => s.audit.list({ kind: o.kind, limit: o.limit }));
      if (ctx.output.json) ctx.output.printJson(entries);
      else ctx.output.print(entries.length ? formatAudit(entries) : 'No changes recorded yet.');
    });
}

function formatAudit(entries: readonly AuditEntry[]): string {
  return formatTable(
    ['TIME', 'ACTOR', 'ACTION', 'KIND', 'RECORD', 'VERSION', 'CHANGED'],
    entries.map((e) => {
      const after = e.after as { version?: number } | null;
      const before = e.before as { version?: number } | null;
      return [
        e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
        e.actor,
        e.action,
        e.kind,
        e.label,
        String(after?.version ?? before?.version ?? ''),
        changedFields(e).join(', '),
      ];
    }),
  );
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError('--limit', `"${value}" is not a positive whole number`);
  return n;
}
