import type { XmlElement } from '../xml/xml-tree.ts';
import { child } from '../xml/xml-tree.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';

/** A required child element; its absence is a schema validation failure, as Exchange reports it. */
export function required(element: XmlElement, name: string): XmlElement {
  const found = child(element, name);
  if (!found)
    throw schemaValidationFault(
      `The element '${element.name}' has incomplete content. List of possible elements expected: '${name}'.`,
    );
  return found;
}

/** An enumeration attribute, checked against its allowed values (schema validation). */
export function enumAttr<T extends string>(
  element: XmlElement,
  name: string,
  values: readonly T[],
  fallback?: T,
): T | undefined {
  const raw = element.attrs[name];
  if (raw === undefined) return fallback;
  const found = values.find((v) => v === raw);
  if (!found)
    throw schemaValidationFault(
      `The '${name}' attribute is invalid - The value '${raw}' is invalid according to its datatype.`,
    );
  return found;
}

export function boolAttr(element: XmlElement, name: string, fallback: boolean): boolean {
  const raw = element.attrs[name];
  if (raw === undefined) return fallback;
  if (!/^(true|false|1|0)$/.test(raw))
    throw schemaValidationFault(`The '${name}' attribute is invalid - The value '${raw}' is not a boolean.`);
  return raw === 'true' || raw === '1';
}

/** Non-negative integer attribute (paging offsets). */
export function intAttr(element: XmlElement, name: string): number | undefined {
  const raw = element.attrs[name];
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim()))
    throw schemaValidationFault(`The '${name}' attribute is invalid - The value '${raw}' is not an integer.`);
  return Number(raw);
}
