import os from 'node:os';
import type { SiteRuntimeInfo } from '../domain/site-runtime-info.ts';
import type { Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { siteInfoKey } from '../store/keys.ts';
import { ENGINE_VERSION } from '../version.ts';

/** The site's self-report (version, host, OS, last active), written only by the site. */
export class SiteRegistration {
  private info: SiteRuntimeInfo;

  constructor(
    private readonly store: KvStore,
    site: string,
    private readonly clock: Clock,
    heartbeatSeconds: number,
  ) {
    const now = clock.now().toISOString();
    this.info = {
      site,
      version: ENGINE_VERSION,
      hostname: os.hostname(),
      os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
      pid: process.pid,
      startedAt: now,
      lastActive: now,
      state: 'running',
      heartbeatSeconds,
    };
  }

  async heartbeat(): Promise<void> {
    this.info = { ...this.info, lastActive: this.clock.now().toISOString(), state: 'running' };
    await this.store.set(siteInfoKey(this.info.site), this.info);
  }

  async stopped(): Promise<void> {
    this.info = { ...this.info, lastActive: this.clock.now().toISOString(), state: 'stopped' };
    await this.store.set(siteInfoKey(this.info.site), this.info);
  }
}
