import { RESPONSE_NAMESPACES } from '../soap/envelope.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { EwsError } from './ews-error.ts';

/**
 * Response messages: every EWS operation answers m:<Op>Response/m:ResponseMessages with one
 * m:<Op>ResponseMessage per input, each with ResponseClass and ResponseCode
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsemessages).
 */
export function responseEnvelope(operation: string, messages: readonly string[]): string {
  return el(
    `m:${operation}Response`,
    RESPONSE_NAMESPACES,
    el('m:ResponseMessages', undefined, messages.join('')),
  );
}

export function successMessage(operation: string, content = ''): string {
  return el(
    `m:${operation}ResponseMessage`,
    { ResponseClass: 'Success' },
    textEl('m:ResponseCode', 'NoError') + content,
  );
}

/** ResponseClass="Warning" (ResolveNames with several candidates). */
export function warningMessage(operation: string, code: string, text: string, content = ''): string {
  return el(
    `m:${operation}ResponseMessage`,
    { ResponseClass: 'Warning' },
    textEl('m:MessageText', text) +
      textEl('m:ResponseCode', code) +
      textEl('m:DescriptiveLinkKey', 0) +
      content,
  );
}

export function errorMessage(operation: string, error: EwsError, trailing = ''): string {
  const messageXml = error.messageXml ? el('m:MessageXml', undefined, error.messageXml) : '';
  return el(
    `m:${operation}ResponseMessage`,
    { ResponseClass: 'Error' },
    textEl('m:MessageText', error.message) +
      textEl('m:ResponseCode', error.code) +
      textEl('m:DescriptiveLinkKey', 0) +
      messageXml +
      trailing,
  );
}

/** Runs one unit of a batch; an EwsError becomes an error message, anything else propagates. */
export function perItem(operation: string, work: () => string, trailingOnError = ''): string {
  try {
    return work();
  } catch (error) {
    if (error instanceof EwsError) return errorMessage(operation, error, trailingOnError);
    throw error;
  }
}
