export * from './schema.ts';
export {
  loadSiteConfig,
  parseSiteConfig,
  SiteConfigError,
  type LoadedSiteConfig,
} from './load-site-config.ts';
export { SITE_CONFIG_TEMPLATE } from './template.ts';
