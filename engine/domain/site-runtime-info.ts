/** What a running site reports about itself (MSE site list: version, host, OS, last active). */
export interface SiteRuntimeInfo {
  readonly site: string;
  readonly version: string;
  readonly hostname: string;
  readonly os: string;
  readonly pid: number;
  readonly startedAt: string;
  readonly lastActive: string;
  readonly state: 'running' | 'stopped';
  /**
   * How often the site says it is alive (`lastActive`); a site silent for several of these is not
   * responding. Absent from sites that predate it: readers assume the default, 15 s.
   */
  readonly heartbeatSeconds?: number;
}

/** A request from the control plane to a site. */
export interface SiteCommand {
  readonly id: string;
  readonly type: 'run-now' | 'cancel';
  readonly taskId: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
}
