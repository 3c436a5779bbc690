/**
 * Why the model refused a request. Codes are protocol-neutral; each endpoint maps them to its own
 * response codes (EWS ErrorItemNotFound, Graph 404 ErrorItemNotFound, …).
 */
export type ModelErrorCode =
  | 'mailboxNotFound'
  | 'folderNotFound'
  | 'itemNotFound'
  | 'attachmentNotFound'
  | 'folderExists'
  | 'distinguishedFolder'
  | 'invalidParent'
  | 'crossMailbox'
  | 'staleChangeKey'
  | 'invalidMime'
  | 'invalidArgument';

export class ModelError extends Error {
  readonly code: ModelErrorCode;

  constructor(code: ModelErrorCode, message: string) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
  }
}
