import type { EwsContext } from '../context.ts';

/** An EWS operation: renders the m:<Operation>Response element for a request. */
export interface OperationSpec {
  /** False for directory operations that work without a mailbox (ResolveNames, ExpandDL). */
  needsMailbox: boolean;
  handle: (ctx: EwsContext) => string;
}
