/**
 * Message texts for the response codes the simulator returns, worded as Exchange words them where
 * Microsoft's reference shows an example (ResponseCode:
 * https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode).
 */
export const RESPONSE_TEXT: Readonly<Record<string, string>> = {
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorBatchProcessingStopped: 'Batch processing has been stopped because of an earlier error.',
  ErrorCalendarCannotUseIdForOccurrenceId: 'The Id specified does not represent an occurrence.',
  ErrorCalendarCannotUseIdForRecurringMasterId:
    'The specified Id does not represent a recurring master item.',
  ErrorCalendarEndDateIsEarlierThanStartDate: 'EndDate is earlier than StartDate.',
  ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange: 'Occurrence index is out of recurrence range.',
  ErrorCalendarOccurrenceIsDeletedFromRecurrence:
    'Occurrence with this index was previously deleted from the recurrence.',
  ErrorCannotDeleteObject: 'The object cannot be deleted.',
  ErrorCannotUseFolderIdForItemId: 'The ID of a folder was specified where the ID of an item was expected.',
  ErrorCannotUseItemIdForFolderId: 'The ID of an item was specified where the ID of a folder was expected.',
  ErrorCrossMailboxMoveCopy: 'Cannot move or copy items or folders between mailboxes.',
  ErrorDeleteDistinguishedFolder: 'Distinguished folders cannot be deleted.',
  ErrorExceededFindCountLimit: 'The number of items returned exceeds the find count limit.',
  ErrorFolderExists: 'A folder with the specified name already exists.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorImpersonateUserDenied: 'The account does not have permission to impersonate the requested user.',
  ErrorIncorrectUpdatePropertyCount:
    'An object within a change description must contain one and only one property to modify.',
  ErrorInternalServerError: 'An internal server error occurred. The operation failed.',
  ErrorInvalidAttachmentId: 'The attachment ID is invalid.',
  ErrorInvalidChangeKey: 'The change key is invalid.',
  ErrorInvalidExchangeImpersonationHeaderData:
    'The impersonation header does not name an account to impersonate.',
  ErrorInvalidExtendedProperty: 'The extended property attribute combination is invalid.',
  ErrorInvalidExtendedPropertyValue: 'The extended property value is inconsistent with its type.',
  ErrorInvalidIdEmpty: 'ID is empty.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorInvalidIdNotAnItemAttachmentId: 'The ID is not an attachment ID.',
  ErrorInvalidIndexedPagingParameters: 'Indexed paging parameters are invalid.',
  ErrorInvalidItemForOperationSendItem: 'The item is not valid for SendItem.',
  ErrorInvalidNameForNameResolution: 'The name is not valid for name resolution.',
  ErrorInvalidOperation: 'The operation is not valid.',
  ErrorInvalidPagingMaxRows: 'The paging max rows value must be greater than zero.',
  ErrorInvalidPropertyDelete: 'Delete action is invalid for property.',
  ErrorInvalidPropertyRequest: 'The property request is invalid.',
  ErrorInvalidPropertySet: 'Set action is invalid for property.',
  ErrorInvalidRecipients: 'At least one recipient is not valid.',
  ErrorInvalidRequest: 'The request is invalid.',
  ErrorInvalidServerVersion: 'The specified server version is invalid.',
  ErrorInvalidSyncStateData: 'Synchronization state data is corrupt or otherwise invalid.',
  ErrorInvalidValueForProperty: 'The value is invalid for property.',
  ErrorIrresolvableConflict:
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  ErrorItemNotFound: 'The specified object was not found in the store.',
  ErrorMessageDispositionRequired: 'MessageDisposition attribute is required.',
  ErrorMimeContentConversionFailed: 'The MIME content could not be converted.',
  ErrorMimeContentInvalid: 'The MIME content is invalid.',
  ErrorMimeContentInvalidBase64String: 'Invalid base64 string for MIME content.',
  ErrorMissingEmailAddress:
    'When making a request as an account that does not have a mailbox, you must specify the mailbox primary SMTP address for any distinguished folder Ids.',
  ErrorMoveDistinguishedFolder: 'Distinguished folders cannot be moved.',
  ErrorNameResolutionMultipleResults: 'Multiple results were found.',
  ErrorNameResolutionNoResults: 'No results were found.',
  ErrorNonExistentMailbox: 'The SMTP address has no mailbox associated with it.',
  ErrorNoPropertyTagForCustomProperties:
    'Property tags for custom properties (0x8000 and above) are not allowed.',
  ErrorParentFolderNotFound: 'The parent folder could not be found.',
  ErrorSavedItemFolderNotFound: 'The folder to save the item in does not exist.',
  ErrorSchemaValidation: 'The request failed schema validation.',
  ErrorSendMeetingCancellationsRequired: 'SendMeetingCancellations attribute is required for calendar items.',
  ErrorSendMeetingInvitationsRequired: 'SendMeetingInvitations attribute is required for calendar items.',
  ErrorServerBusy: 'The server cannot service this request right now. Try again later.',
  ErrorExceededConnectionCount:
    'You have exceeded the maximum number of concurrent connections for your account. Try again later.',
  ErrorStaleObject:
    'The change key passed in the request does not match the current change key for the item.',
  ErrorSyncFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorToFolderNotFound: 'The destination folder could not be found.',
  ErrorUnsupportedPathForQuery: 'The property path is not supported in a restriction.',
  ErrorUnsupportedPathForSortGroup: 'The property path is not supported for sorting or grouping.',
  ErrorUpdatePropertyMismatch:
    'The property in the change description does not match the property in the item.',
};

export function responseText(code: string): string {
  return RESPONSE_TEXT[code] ?? code;
}
