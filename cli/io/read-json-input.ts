import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../../engine/index.ts';

/** Inputs are records an admin writes by hand; 4 MiB leaves room for a long mailbox list and stops runaway pipes. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** Reads the JSON input of a command from `--file F` (or `-` for stdin) or, without --file, from stdin. */
export async function readJsonInput(
  file: string | undefined,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<unknown> {
  const text = file && file !== '-' ? await readInputFile(file) : await readStream(stdin);
  if (text.trim().length === 0)
    throw new InputError(
      'input',
      `is empty; give a JSON object with --file F or on stdin (see the "template" command)`,
    );
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError('input', `is not valid JSON: ${(error as Error).message}`);
  }
}

async function readInputFile(file: string): Promise<string> {
  const info = await stat(file).catch(() => {
    throw new InputError('--file', `"${file}" does not exist or cannot be read`);
  });
  if (!info.isFile()) throw new InputError('--file', `"${file}" is not a file`);
  if (info.size > MAX_INPUT_BYTES) throw tooLarge();
  return readFile(file, 'utf8');
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  if ((stream as { isTTY?: boolean }).isTTY)
    throw new InputError('input', 'expected JSON on stdin or --file F (see the "template" command)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(): InputError {
  return new InputError(
    'input',
    `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most a command accepts`,
  );
}
