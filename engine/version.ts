import { readFileSync } from 'node:fs';

/** The engine's version, as package.json says; sites report it so admins can see what runs where. */
export const ENGINE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
