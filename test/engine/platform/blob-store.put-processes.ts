import { spawn } from 'node:child_process';
import path from 'node:path';
import type { StoreOptions } from '../../../engine/adapters/store/open-store.ts';
import type { StoredBlob } from '../../../engine/ports/blob-store.ts';

const PUT_IN_PROCESS = path.join(import.meta.dirname, 'blob-store.put-in-process.ts');

/** A process running blob-store.put-in-process.ts: it opens the store, then puts the file's bytes on `go`. */
export interface PutProcess {
  /** Resolves once the store is open (or the process died: `done` then says why). */
  readonly ready: Promise<void>;
  go(): void;
  kill(): void;
  /** What it put; rejects when it exited otherwise than with 0. */
  readonly done: Promise<StoredBlob>;
  /** Resolves when it ended, however it ended. */
  readonly ended: Promise<void>;
}

export function startPutProcess(options: StoreOptions, file: string): PutProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', PUT_IN_PROCESS, JSON.stringify(options), file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const done = exit.then((code) => {
    if (code !== 0) throw new Error(`put process exited ${code}: ${out}`);
    return JSON.parse(out.split('\n')[1]!) as StoredBlob;
  });
  const ended = exit.then(() => undefined);
  // A killed process's `done` rejects by design; only a caller that awaits it should see that.
  done.catch(() => undefined);
  return {
    ready: Promise.race([ready, ended]),
    go: () => child.stdin.end('go\n'),
    kill: () => child.kill('SIGKILL'),
    done,
    ended,
  };
}

/** Starts `count` processes that each put the file's bytes, lets them go at once, returns what each put. */
export async function raceInProcesses(
  count: number,
  options: StoreOptions,
  file: string,
): Promise<StoredBlob[]> {
  const racers = Array.from({ length: count }, () => startPutProcess(options, file));
  await Promise.all(racers.map((r) => r.ready));
  for (const racer of racers) racer.go();
  return Promise.all(racers.map((r) => r.done));
}

/** Polls `check` every 2 ms (a write in flight may last only tens of ms) until true; fails after 30 s. */
export async function pollUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
