/**
 * Minimal XML output. Carriage returns are written as &#xD; so that CRLF in bodies survives parsers
 * that normalise line ends (xmldom does), and characters XML 1.0 forbids are dropped.
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

export function escapeText(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;');
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#xA;').replace(/\t/g, '&#x9;');
}

export type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

function attrText(attrs: Attrs | undefined): string {
  if (!attrs) return '';
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) out += ` ${key}="${escapeAttr(String(value))}"`;
  }
  return out;
}

/** An element whose content is already XML. */
export function el(name: string, attrs?: Attrs, content = ''): string {
  return content === '' ? `<${name}${attrText(attrs)}/>` : `<${name}${attrText(attrs)}>${content}</${name}>`;
}

/** An element with text content. */
export function textEl(name: string, text: string | number | boolean, attrs?: Attrs): string {
  return `<${name}${attrText(attrs)}>${escapeText(String(text))}</${name}>`;
}
