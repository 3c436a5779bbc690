import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { describeIssue, formatPath } from '../validation/describe-issue.ts';
import { siteConfigSchema, type SiteConfig } from './schema.ts';

/** A site configuration that cannot be used; `problems` lists every one of them, one line each. */
export class SiteConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** The configuration with its secrets read from the environment. Keep it in memory only. */
export interface LoadedSiteConfig {
  readonly file: string;
  readonly config: SiteConfig;
  readonly secrets: Readonly<Record<string, string>>;
}

/** Reads, parses (YAML or JSON) and validates a site configuration, reporting every problem at once. */
export async function loadSiteConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedSiteConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SiteConfigError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  return parseSiteConfig(text, file, env);
}

export function parseSiteConfig(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): LoadedSiteConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0)
    throw new SiteConfigError(
      file,
      doc.errors.map((e) => `not valid YAML: ${e.message.split('\n')[0]}`),
    );
  const result = siteConfigSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!result.success) {
    throw new SiteConfigError(
      file,
      result.error.issues.map((issue) => {
        const { path, reason } = describeIssue(issue);
        return `${formatPath(path) || '(top level)'}: ${reason}`;
      }),
    );
  }
  const config = result.data;
  const secrets: Record<string, string> = {};
  const problems: string[] = [];
  for (const [field, name] of secretReferences(config)) {
    const value = env[name];
    if (value === undefined || value === '')
      problems.push(`${field}: environment variable ${name} is not set`);
    else secrets[name] = value;
  }
  if (problems.length > 0) throw new SiteConfigError(file, problems);
  return { file, config, secrets };
}

/** [field, environment variable] for every secret the configuration refers to. */
function secretReferences(config: SiteConfig): [string, string][] {
  const refs: [string, string][] = [];
  if (config.directory.type === 'active-directory')
    refs.push(['directory.bindPasswordEnv', config.directory.bindPasswordEnv]);
  if (config.exchange.type === 'ews') refs.push(['exchange.passwordEnv', config.exchange.passwordEnv]);
  if (config.microsoftGraph)
    refs.push(['microsoftGraph.clientSecretEnv', config.microsoftGraph.clientSecretEnv]);
  return refs;
}
