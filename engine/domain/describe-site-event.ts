import type { ReadSiteEvent } from './site-event.ts';

/** One event in the words an admin reads in a feed: `Run of "Nightly" finished: partial, 98/100 done …`. */
export function describeSiteEvent(e: ReadSiteEvent): string {
  switch (e.type) {
    case 'site-started':
      return `Site started: version ${e.version} on ${e.host} (pid ${e.pid})`;
    case 'site-stopped':
      return `Site stopped${e.reason ? `: ${e.reason}` : ''}`;
    case 'config-applied': {
      const part = (label: string, tasks: readonly { taskName: string }[]) =>
        tasks.length ? [`${label} ${tasks.map((t) => `"${t.taskName}"`).join(', ')}`] : [];
      const changes = [
        ...part('added', e.added),
        ...part('changed', e.changed),
        ...part('removed', e.removed),
      ];
      return `Config version ${e.configVersion} applied${changes.length ? `: ${changes.join('; ')}` : ''}`;
    }
    case 'run-started': {
      const why =
        e.trigger === 'manual'
          ? `run now${e.requestedBy ? ` by ${e.requestedBy}` : ''}`
          : e.trigger === 'resume'
            ? 'resumed after a restart'
            : 'on schedule';
      return `Run of "${e.taskName}" started (${why}), run ${e.runId}`;
    }
    case 'run-finished': {
      const c = e.counts;
      const counts = `${c.done}/${c.total} done, ${c.failed} failed, ${c.skipped} skipped`;
      return `Run of "${e.taskName}" ${e.outcome} in ${seconds(e.durationMs)}: ${counts}${e.reason ? ` — ${e.reason}` : ''}`;
    }
    case 'mailbox-failed':
      return `"${e.taskName}": ${e.mailbox} failed (${e.code}): ${e.reason}`;
    case 'firing-skipped':
      return `"${e.taskName}": scheduled firing skipped: ${e.why}`;
    case 'alert':
      return `${e.level.toUpperCase()}: ${e.message}`;
    case 'log':
      return `[${e.level}] ${e.message}`;
    case 'unrecognised':
      return `(an event of type "${e.originalType}" from a newer version of exsync)`;
  }
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}
