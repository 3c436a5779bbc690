import { SoapFault, schemaValidationFault } from './soap/soap-fault.ts';
import type { RequestVersion } from './soap/request-version.ts';
import { REQUEST_VERSIONS } from './soap/request-version.ts';
import type { XmlElement } from './xml/xml-tree.ts';
import { child, parseXml, XmlSyntaxError } from './xml/xml-tree.ts';

/** A parsed SOAP request: its header and the operation element (first child of soap:Body). */
export interface EwsRequest {
  header: XmlElement | undefined;
  operation: XmlElement;
  version: RequestVersion;
}

export function parseRequest(xml: string): EwsRequest {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw schemaValidationFault(error.message, error.line, error.column);
    throw error;
  }
  if (root.name !== 'Envelope')
    throw schemaValidationFault(`The root element must be soap:Envelope, not '${root.name}'.`);
  const body = child(root, 'Body');
  const operation = body?.children[0];
  if (!operation)
    throw new SoapFault('ErrorInvalidRequest', 'The request is invalid.', {
      faultCode: 'a:ErrorInvalidRequest',
    });
  const header = child(root, 'Header');
  const versionElement = child(header, 'RequestServerVersion');
  const requested = versionElement?.attrs['Version'] ?? 'Exchange2007';
  const version = REQUEST_VERSIONS.find((v) => v === requested);
  if (!version) throw new SoapFault('ErrorInvalidServerVersion', 'The specified server version is invalid.');
  return { header, operation, version };
}
