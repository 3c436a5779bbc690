import { access, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError, NotFoundError } from '../../engine/index.ts';
import { BlobCorruptedError } from '../../engine/adapters/platform/blobs/blob-corrupted-error.ts';
import { assertBlobName } from '../../engine/adapters/platform/blobs/blob-name.ts';
import { openBlobStore } from '../../engine/adapters/platform/blobs/open-blob-store.ts';
import type { CliContext } from '../cli-context.ts';
import { CommandFailed } from '../errors/command-failed.ts';

interface BlobOptions {
  out?: string;
  force?: boolean;
}

/**
 * `exsync platform blob <sha256> [--out FILE]`: the bytes of one blob of the platform (a calendar
 * attachment, archived MIME), checked against their name. Without --out they go to stdout unchanged,
 * for a pipe or a redirect. Attaches to the `platform` command if another file registered it already.
 */
export function registerPlatformBlobCommand(
  program: Command,
  context: (command: Command) => CliContext,
): void {
  const platform =
    program.commands.find((c) => c.name() === 'platform') ??
    program.command('platform').description('Read what the sites keep on the platform');
  platform
    .command('blob')
    .description('Print the bytes of a blob (an attachment, archived MIME) by its SHA-256, or save them')
    .argument('<sha256>', 'the blob name: 64 lower-case hex digits')
    .option('--out <file>', 'write the bytes to this file instead of stdout')
    .option('--force', 'with --out: overwrite the file if it exists')
    .action(async (sha256: string, o: BlobOptions, cmd: Command) => {
      const ctx = context(cmd);
      assertBlobName(sha256);
      if (o.out !== undefined && !o.force && (await exists(o.out))) throw fileExists(o.out);
      const store = await openBlobStore({ dataDir: ctx.env.EXSYNC_DATA_DIR, url: ctx.env.EXSYNC_STORE_URL });
      let bytes: Uint8Array | undefined;
      try {
        bytes = await store.get(sha256);
      } catch (error) {
        if (!(error instanceof BlobCorruptedError)) throw error;
        ctx.output.error(`exsync: ${error.message}`);
        throw new CommandFailed(error.message, { cause: error });
      } finally {
        await store.close();
      }
      if (bytes === undefined) throw blobNotFound(sha256, store.location);
      if (o.out === undefined) return writeToStdout(bytes);
      await writeFile(o.out, bytes, { flag: o.force ? 'w' : 'wx' }).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EEXIST' ? fileExists(o.out!) : error;
      });
      if (ctx.output.json) return ctx.output.printJson({ sha256, size: bytes.byteLength, file: o.out });
      ctx.output.print(`Wrote blob ${sha256} (${bytes.byteLength} bytes) to ${o.out}.`);
    });
}

function blobNotFound(sha256: string, location: string): NotFoundError {
  const error = new NotFoundError('blob', sha256);
  error.message = `${error.message} in ${location}`;
  return error;
}

function fileExists(file: string): InputError {
  return new InputError('--out', `${file} already exists; pass --force to overwrite it`);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Binary-safe, and done only once the bytes are handed over (a 20 MB blob is more than one write). */
function writeToStdout(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())),
  );
}
