import {
  BasePropertySet,
  FolderId,
  GetFolderRequest,
  PropertySet,
  ServiceResult,
  WellKnownFolderName,
  type ExchangeService,
  type GetFolderResponse,
  type ServiceResponseCollection,
} from 'ews-javascript-api';
import { WELL_KNOWN_MAIL_FOLDERS, type WellKnownMailFolder } from '../../ports/mailbox.ts';
import { withEwsRetry } from './with-ews-retry.ts';

/** The EWS names of the port's well-known mail folders, in the port's order. */
const DISTINGUISHED: Record<WellKnownMailFolder, WellKnownFolderName> = {
  inbox: WellKnownFolderName.Inbox,
  drafts: WellKnownFolderName.Drafts,
  sentitems: WellKnownFolderName.SentItems,
  deleteditems: WellKnownFolderName.DeletedItems,
  outbox: WellKnownFolderName.Outbox,
  junkemail: WellKnownFolderName.JunkEmail,
};

/**
 * GetFolder for several folders at once, each answered on its own (ExchangeService has no public
 * BindToFolders). The library exports the request class without typings; this is the part we use.
 */
interface MultiGetFolderRequest {
  readonly FolderIds: { Add(id: FolderId): void };
  PropertySet: PropertySet;
  Execute(): Promise<ServiceResponseCollection<GetFolderResponse>>;
}
/** ServiceErrorHandling.ReturnErrors: a missing folder is an error in its own response message, not a throw. */
const RETURN_ERRORS = 0;
const MultiGetFolder = GetFolderRequest as unknown as new (
  service: ExchangeService,
  errorHandling: number,
) => MultiGetFolderRequest;

/**
 * Folder id → well-known name, from one GetFolder with the six DistinguishedFolderIds (folder ids
 * carry no distinguished name); a distinguished folder the mailbox lacks is skipped.
 */
export async function ewsWellKnownFolderIds(
  service: () => ExchangeService,
  mailbox: string,
  signal?: AbortSignal,
): Promise<Map<string, WellKnownMailFolder>> {
  const responses = await withEwsRetry(
    mailbox,
    () => {
      const request = new MultiGetFolder(service(), RETURN_ERRORS);
      for (const name of WELL_KNOWN_MAIL_FOLDERS) request.FolderIds.Add(new FolderId(DISTINGUISHED[name]));
      request.PropertySet = new PropertySet(BasePropertySet.IdOnly);
      return request.Execute();
    },
    signal,
  );
  const ids = new Map<string, WellKnownMailFolder>();
  WELL_KNOWN_MAIL_FOLDERS.forEach((name, i) => {
    const response = responses.__thisIndexer(i);
    if (response.Result === ServiceResult.Success && response.Folder)
      ids.set(response.Folder.Id.UniqueId, name);
  });
  return ids;
}
