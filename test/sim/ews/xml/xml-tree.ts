import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Requests are parsed into a small element tree (local names, attributes, children in document order,
 * text). fast-xml-parser is a declared dependency; @xmldom/xmldom is only a transitive dependency of
 * ews-javascript-api and so is not used here. Namespace prefixes are dropped: every EWS element name
 * is unique across the messages and types namespaces, and clients differ in the prefixes they use.
 */
export interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** Concatenated text content directly inside this element (entities decoded). */
  text: string;
}

export class XmlSyntaxError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'XmlSyntaxError';
    this.line = line;
    this.column = column;
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below: the parser would leave numeric references (&#xD;) as they are.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '__cdata',
});

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

type Node = Record<string, unknown>;

function convert(node: Node): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '__cdata') return undefined;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    attrs[key] = decodeEntities(String(value));
  }
  const element: XmlElement = { name, attrs, children: [], text: '' };
  for (const child of (node[name] ?? []) as Node[]) {
    if ('#text' in child) element.text += decodeEntities(String(child['#text']));
    else if ('__cdata' in child) {
      for (const piece of child['__cdata'] as Node[]) {
        const text = piece['#text'];
        element.text += typeof text === 'string' ? text : '';
      }
    } else {
      const converted = convert(child);
      if (converted) element.children.push(converted);
    }
  }
  return element;
}

/** Parses a document and returns its root element. Throws XmlSyntaxError when it is not well formed. */
export function parseXml(xml: string): XmlElement {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new XmlSyntaxError(validation.err.msg, validation.err.line, validation.err.col);
  }
  const nodes = parser.parse(xml) as Node[];
  for (const node of nodes) {
    const element = convert(node);
    if (element) return element;
  }
  throw new XmlSyntaxError('the document has no root element', 1, 1);
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

export function childText(element: XmlElement | undefined, name: string): string | undefined {
  return child(element, name)?.text;
}
