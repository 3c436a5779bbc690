import type { Writable } from 'node:stream';

/** Where a command writes: results to stdout, refusals and failures to stderr. */
export interface Output {
  readonly json: boolean;
  print(text: string): void;
  printJson(value: unknown): void;
  error(text: string): void;
}

export function createOutput(
  json: boolean,
  stdout: Writable = process.stdout,
  stderr: Writable = process.stderr,
): Output {
  return {
    json,
    print: (text) => stdout.write(`${text}\n`),
    printJson: (value) => stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    error: (text) => stderr.write(`${text}\n`),
  };
}
