import { ModelError } from '../../model/index.ts';
import { GraphHttpError } from './graph-response.ts';

/**
 * Model refusals as Outlook on Graph reports them: Exchange error codes in `error.code`, 404 for what
 * does not exist, 400 for what cannot be done (https://learn.microsoft.com/graph/errors).
 */
export function graphErrorFromModel(error: ModelError): GraphHttpError {
  switch (error.code) {
    case 'mailboxNotFound':
      return new GraphHttpError(404, 'ErrorInvalidUser', `The requested user is invalid. ${error.message}`);
    case 'folderNotFound':
    case 'itemNotFound':
    case 'attachmentNotFound':
      return new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    case 'folderExists':
      return new GraphHttpError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    case 'distinguishedFolder':
      return new GraphHttpError(
        403,
        'ErrorDeleteDistinguishedFolder',
        'Distinguished folders cannot be deleted, moved or renamed.',
      );
    case 'invalidParent':
      return new GraphHttpError(400, 'ErrorInvalidRequest', error.message);
    case 'crossMailbox':
      return new GraphHttpError(
        400,
        'ErrorInvalidRequest',
        'The item and the destination folder are in different mailboxes.',
      );
    case 'staleChangeKey':
      return new GraphHttpError(
        412,
        'ErrorIrresolvableConflict',
        'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
      );
    case 'invalidMime':
      return new GraphHttpError(400, 'ErrorMimeContentInvalid', error.message);
    case 'invalidArgument':
      return new GraphHttpError(400, 'ErrorInvalidRequest', error.message);
  }
}

export function toGraphError(error: unknown): GraphHttpError | undefined {
  if (error instanceof GraphHttpError) return error;
  if (error instanceof ModelError) return graphErrorFromModel(error);
  return undefined;
}
