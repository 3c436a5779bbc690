import { el } from '../xml/xml-writer.ts';
import { EWS_MESSAGES_NS, EWS_TYPES_NS, SOAP_ENVELOPE_NS } from './namespaces.ts';
import { SERVER_VERSION } from './request-version.ts';

/** Wraps a response body element (or a fault) in the envelope Exchange sends. */
export function envelope(body: string, withServerVersion = true): string {
  const header = withServerVersion
    ? el(
        's:Header',
        undefined,
        el('h:ServerVersionInfo', {
          ...SERVER_VERSION,
          'xmlns:h': EWS_TYPES_NS,
          xmlns: EWS_TYPES_NS,
          'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
          'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        }),
      )
    : '';
  return `<?xml version="1.0" encoding="utf-8"?>${el(
    's:Envelope',
    { 'xmlns:s': SOAP_ENVELOPE_NS },
    header +
      el(
        's:Body',
        {
          'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
          'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
        },
        body,
      ),
  )}`;
}

/** The attributes every m:…Response element carries. */
export const RESPONSE_NAMESPACES = { 'xmlns:m': EWS_MESSAGES_NS, 'xmlns:t': EWS_TYPES_NS } as const;
