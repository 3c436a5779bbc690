/** The command ran but what it checked or did failed (exit 1); its output already says why. */
export class CommandFailed extends Error {}
