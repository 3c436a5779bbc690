import { el, textEl } from '../xml/xml-writer.ts';
import { EWS_ERRORS_NS, EWS_TYPES_NS } from './namespaces.ts';

/**
 * A request-level failure, answered with HTTP 500 and a SOAP 1.1 Fault whose detail carries the EWS
 * response code (errors namespace) and optional MessageXml values, as Exchange does for schema
 * validation errors, impersonation failures and ErrorServerBusy throttling.
 */
export class SoapFault extends Error {
  readonly responseCode: string;
  readonly faultCode: string;
  /** Name/value pairs rendered as <t:Value Name="…"> in MessageXml (e.g. BackOffMilliseconds). */
  readonly values: Readonly<Record<string, string>>;
  /** Extra MessageXml children already rendered (schema validation line information). */
  readonly messageXml: string;

  constructor(
    responseCode: string,
    message: string,
    options: { faultCode?: string; values?: Record<string, string>; messageXml?: string } = {},
  ) {
    super(message);
    this.name = 'SoapFault';
    this.responseCode = responseCode;
    this.faultCode = options.faultCode ?? `a:${responseCode}`;
    this.values = options.values ?? {};
    this.messageXml = options.messageXml ?? '';
  }
}

export function renderFault(fault: SoapFault): string {
  const faultCodeAttrs = fault.faultCode.startsWith('a:') ? { 'xmlns:a': EWS_TYPES_NS } : undefined;
  const values = Object.entries(fault.values)
    .map(([name, value]) => textEl('t:Value', value, { Name: name }))
    .join('');
  const messageXml =
    values || fault.messageXml
      ? el('t:MessageXml', { 'xmlns:t': EWS_TYPES_NS }, values + fault.messageXml)
      : '';
  return el(
    's:Fault',
    undefined,
    textEl('faultcode', fault.faultCode, faultCodeAttrs) +
      textEl('faultstring', fault.message, { 'xml:lang': 'en-US' }) +
      el(
        'detail',
        undefined,
        textEl('e:ResponseCode', fault.responseCode, { 'xmlns:e': EWS_ERRORS_NS }) +
          textEl('e:Message', fault.message, { 'xmlns:e': EWS_ERRORS_NS }) +
          messageXml,
      ),
  );
}

/** The "request failed schema validation" fault, with the position Exchange reports. */
export function schemaValidationFault(violation: string, line = 1, position = 1): SoapFault {
  return new SoapFault('ErrorSchemaValidation', `The request failed schema validation: ${violation}`, {
    messageXml:
      textEl('t:LineNumber', line) + textEl('t:LinePosition', position) + textEl('t:Violation', violation),
  });
}
