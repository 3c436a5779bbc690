/**
 * Message classes of archive stubs: items whose content lives in an archive and that only point at it.
 * Enterprise Vault shortcuts (MSE's "Include Enterprise Vault Shortcut" option) and exsync's own stubs
 * (storage management). Subclasses count: a class is a stub when it is one of these or starts with one
 * of them followed by ".". Enterprise Vault's IPM.Note.EnterpriseVault.Pending (an original awaiting
 * its safety copy's backup) is not a stub: it still holds the whole message.
 */
export const ARCHIVE_STUB_CLASSES = ['IPM.Note.EnterpriseVault.Shortcut', 'IPM.Note.Exsync.Stub'] as const;

export function isArchiveStub(itemClass: string): boolean {
  const lower = itemClass.toLowerCase();
  return ARCHIVE_STUB_CLASSES.some((stub) => {
    const prefix = stub.toLowerCase();
    return lower === prefix || lower.startsWith(`${prefix}.`);
  });
}
