import { responseText } from './response-codes.ts';

/** A failure of one response message (ResponseClass="Error"); the rest of a batch goes on. */
export class EwsError extends Error {
  readonly code: string;
  /** Already-rendered MessageXml content, if any. */
  readonly messageXml: string;

  constructor(code: string, message?: string, messageXml = '') {
    super(message ?? responseText(code));
    this.name = 'EwsError';
    this.code = code;
    this.messageXml = messageXml;
  }
}
