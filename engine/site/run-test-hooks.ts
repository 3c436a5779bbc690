/** Test hooks that end the process at exact points, to prove crash safety deterministically. */
export interface RunTestHooks {
  /** SIGKILL the whole process right after this many submissions are stored, before anything else. */
  readonly killProcessAfterSubmissions?: number;
}

/** Counts stored submissions and fires the kill hook at the one asked for. */
export class SubmissionCounter {
  private count = 0;
  constructor(private readonly hooks: RunTestHooks | undefined) {}

  stored(): void {
    this.count++;
    if (this.hooks?.killProcessAfterSubmissions === this.count) process.kill(process.pid, 'SIGKILL');
  }
}
