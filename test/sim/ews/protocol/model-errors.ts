import { ModelError } from '../../model/model-error.ts';
import { EwsError } from './ews-error.ts';

/** The EWS response code for each model refusal. */
const CODES: Record<ModelError['code'], string> = {
  mailboxNotFound: 'ErrorNonExistentMailbox',
  folderNotFound: 'ErrorFolderNotFound',
  itemNotFound: 'ErrorItemNotFound',
  attachmentNotFound: 'ErrorInvalidAttachmentId',
  folderExists: 'ErrorFolderExists',
  distinguishedFolder: 'ErrorDeleteDistinguishedFolder',
  invalidParent: 'ErrorInvalidOperation',
  crossMailbox: 'ErrorCrossMailboxMoveCopy',
  staleChangeKey: 'ErrorIrresolvableConflict',
  invalidMime: 'ErrorMimeContentInvalid',
  invalidArgument: 'ErrorInvalidRequest',
};

/** Runs a model call, turning ModelError into EwsError (optionally with a different code per model code). */
export function viaModel<T>(work: () => T, overrides: Partial<Record<ModelError['code'], string>> = {}): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ModelError) throw new EwsError(overrides[error.code] ?? CODES[error.code]);
    throw error;
  }
}
