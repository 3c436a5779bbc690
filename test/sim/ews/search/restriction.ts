import { EwsError } from '../protocol/ews-error.ts';
import type { Comparable } from '../properties/property-types.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { child } from '../xml/xml-tree.ts';
import type { CompiledPath, PathCompiler } from './property-path.ts';
import { constantFor } from './property-path.ts';

/**
 * Restriction (SearchExpression) evaluation for FindItem and FindFolder
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/restriction).
 * String comparisons ignore case, as Exchange store restrictions on text do.
 */
export type Predicate<T> = (target: T) => boolean;

const PATH_NAMES = new Set(['FieldURI', 'ExtendedFieldURI', 'IndexedFieldURI']);

function pathOf<T>(element: XmlElement, compile: PathCompiler<T>): CompiledPath<T> {
  const pathElement = element.children.find((c) => PATH_NAMES.has(c.name));
  if (!pathElement)
    throw new EwsError('ErrorInvalidRestriction', 'A search expression needs a property path.');
  return compile(pathElement, false);
}

function compare(a: Comparable, b: Comparable): number {
  if (typeof a === 'string' && typeof b === 'string')
    return a.localeCompare(b, 'en', { sensitivity: 'accent' });
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function relational<T>(
  element: XmlElement,
  compile: PathCompiler<T>,
  test: (c: number) => boolean,
): Predicate<T> {
  const path = pathOf(element, compile);
  const operand = child(element, 'FieldURIOrConstant');
  const constant = child(operand, 'Constant');
  if (constant) {
    const value = constantFor(path.type, constant.attrs['Value'] ?? '');
    return (target) => {
      const actual = path.get(target);
      return actual !== undefined && test(compare(actual, value));
    };
  }
  const otherElement = operand?.children.find((c) => PATH_NAMES.has(c.name));
  if (!otherElement)
    throw new EwsError('ErrorInvalidRequest', 'FieldURIOrConstant needs a Constant or a property path.');
  const other = compile(otherElement, false);
  return (target) => {
    const a = path.get(target);
    const b = other.get(target);
    return a !== undefined && b !== undefined && test(compare(a, b));
  };
}

function contains<T>(element: XmlElement, compile: PathCompiler<T>): Predicate<T> {
  const path = pathOf(element, compile);
  const wanted = child(element, 'Constant')?.attrs['Value'] ?? '';
  const mode = element.attrs['ContainmentMode'] ?? 'FullString';
  const comparison = element.attrs['ContainmentComparison'] ?? 'Exact';
  const ignoreCase = /IgnoreCase|Loose/.test(comparison);
  const norm = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const needle = norm(wanted);
  return (target) => {
    const raw = path.get(target);
    if (typeof raw !== 'string') return false;
    const hay = norm(raw);
    switch (mode) {
      case 'FullString':
        return hay === needle;
      case 'Prefixed':
        return hay.startsWith(needle);
      case 'PrefixOnWords':
        return hay.split(/\s+/).some((w) => w.startsWith(needle)) || hay.startsWith(needle);
      case 'Substring':
      case 'ExactPhrase':
        return hay.includes(needle);
      default:
        throw new EwsError('ErrorInvalidRequest', `Unknown ContainmentMode ${mode}`);
    }
  };
}

export function compileRestriction<T>(element: XmlElement, compile: PathCompiler<T>): Predicate<T> {
  switch (element.name) {
    case 'Restriction': {
      const [inner] = element.children;
      return inner ? compileRestriction(inner, compile) : () => true;
    }
    case 'And': {
      const parts = element.children.map((c) => compileRestriction(c, compile));
      return (t) => parts.every((p) => p(t));
    }
    case 'Or': {
      const parts = element.children.map((c) => compileRestriction(c, compile));
      return (t) => parts.some((p) => p(t));
    }
    case 'Not': {
      const [inner] = element.children;
      if (!inner) throw new EwsError('ErrorInvalidRequest', 'Not needs one search expression.');
      const p = compileRestriction(inner, compile);
      return (t) => !p(t);
    }
    case 'IsEqualTo':
      return relational(element, compile, (c) => c === 0);
    case 'IsNotEqualTo':
      return relational(element, compile, (c) => c !== 0);
    case 'IsGreaterThan':
      return relational(element, compile, (c) => c > 0);
    case 'IsGreaterThanOrEqualTo':
      return relational(element, compile, (c) => c >= 0);
    case 'IsLessThan':
      return relational(element, compile, (c) => c < 0);
    case 'IsLessThanOrEqualTo':
      return relational(element, compile, (c) => c <= 0);
    case 'Exists': {
      const path = pathOf(element, compile);
      return (t) => path.get(t) !== undefined;
    }
    case 'Contains':
      return contains(element, compile);
    case 'Excludes': {
      const path = pathOf(element, compile);
      const mask = Number(child(element, 'Bitmask')?.attrs['Value'] ?? 'NaN');
      if (!Number.isInteger(mask))
        throw new EwsError('ErrorInvalidExcludesRestriction', 'The Excludes bitmask is invalid.');
      return (t) => {
        const v = path.get(t);
        return typeof v === 'number' && (v & mask) === 0;
      };
    }
    default:
      throw new EwsError('ErrorUnsupportedQueryFilter', `Unsupported search expression ${element.name}.`);
  }
}

/** Counts expressions, because Exchange refuses restrictions of more than 255 nodes (ErrorRestrictionTooLong). */
export function restrictionSize(element: XmlElement): number {
  if (PATH_NAMES.has(element.name) || element.name === 'FieldURIOrConstant' || element.name === 'Constant')
    return 0;
  return 1 + element.children.reduce((n, c) => n + restrictionSize(c), 0);
}

export function sortComparator<T>(
  sortOrder: XmlElement | undefined,
  compile: PathCompiler<T>,
  idOf: (t: T) => string,
): (a: T, b: T) => number {
  const orders = (sortOrder?.children ?? [])
    .filter((c) => c.name === 'FieldOrder')
    .map((fieldOrder) => {
      const pathElement = fieldOrder.children.find((c) => PATH_NAMES.has(c.name));
      if (!pathElement) throw new EwsError('ErrorUnsupportedPathForSortGroup');
      return { path: compile(pathElement, true), descending: fieldOrder.attrs['Order'] === 'Descending' };
    });
  return (a, b) => {
    for (const { path, descending } of orders) {
      const x = path.get(a);
      const y = path.get(b);
      const c = x === undefined ? (y === undefined ? 0 : 1) : y === undefined ? -1 : compare(x, y);
      if (c !== 0) return descending ? -c : c;
    }
    return idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0;
  };
}
