import type { AttachmentView } from '../../model/index.ts';

/**
 * A file attachment as Graph's `fileAttachment`, with its bytes base64 encoded in `contentBytes`
 * (https://learn.microsoft.com/graph/api/resources/fileattachment).
 */
export function attachmentJson(view: AttachmentView, content: Buffer | undefined): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    '@odata.mediaContentType': view.contentType,
    id: view.id,
    lastModifiedDateTime: view.lastModifiedAt,
    name: view.name,
    contentType: view.contentType,
    size: view.size,
    isInline: view.isInline,
    contentId: view.contentId ?? null,
    contentLocation: null,
    ...(content ? { contentBytes: content.toString('base64') } : {}),
  };
}
