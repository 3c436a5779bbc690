import type { CompareOp, FilterNode, Literal, Operand } from './filter-parse.ts';

/**
 * Evaluates a parsed `$filter` against a Graph-shaped JSON object. Property names match
 * case-insensitively; strings compare case-insensitively (Graph matches `mail eq` and extended property
 * values that way); a DateTime literal compares as an instant.
 */
type Scope = Record<string, unknown>;

function lookup(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

function resolvePath(path: readonly string[], scope: Scope, root: unknown): unknown {
  const [first, ...rest] = path;
  if (first === undefined) return root;
  let value = first in scope ? scope[first] : lookup(root, first);
  for (const name of rest) value = lookup(value, name);
  return value;
}

function operandValue(operand: Operand, scope: Scope, root: unknown): unknown {
  if (operand.kind === 'literal') return operand.value;
  return resolvePath(operand.path, scope, root);
}

function isDateLiteral(value: unknown): value is { dateTime: string } {
  return typeof value === 'object' && value !== null && 'dateTime' in value;
}

function normalise(a: unknown, b: unknown): [unknown, unknown] {
  if (isDateLiteral(a) || isDateLiteral(b)) {
    const toMs = (v: unknown): number =>
      isDateLiteral(v) ? Date.parse(v.dateTime) : typeof v === 'string' ? Date.parse(v) : Number.NaN;
    return [toMs(a), toMs(b)];
  }
  if (typeof a === 'string' && typeof b === 'string') return [a.toLowerCase(), b.toLowerCase()];
  if (typeof a === 'string' && typeof b === 'number') return [Number(a), b];
  if (typeof a === 'number' && typeof b === 'string') return [a, Number(b)];
  return [a, b];
}

function compare(op: CompareOp, left: unknown, right: unknown): boolean {
  const [a, b] = normalise(left, right);
  if (op === 'eq') return a === b || (a == null && b == null);
  if (op === 'ne') return !(a === b || (a == null && b == null));
  if (typeof a !== typeof b || a == null || b == null) return false;
  if (typeof a === 'number' && Number.isNaN(a)) return false;
  const x = a as string | number;
  const y = b as string | number;
  switch (op) {
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
  }
}

function evaluate(node: FilterNode, scope: Scope, root: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, scope, root) && evaluate(node.right, scope, root);
    case 'or':
      return evaluate(node.left, scope, root) || evaluate(node.right, scope, root);
    case 'not':
      return !evaluate(node.operand, scope, root);
    case 'compare':
      return compare(node.op, operandValue(node.left, scope, root), operandValue(node.right, scope, root));
    case 'startswith': {
      const value = resolvePath(node.path, scope, root);
      return typeof value === 'string' && value.toLowerCase().startsWith(node.value.toLowerCase());
    }
    case 'any': {
      const collection = resolvePath(node.path, scope, root);
      if (!Array.isArray(collection)) return false;
      return collection.some((element) => evaluate(node.body, { ...scope, [node.variable]: element }, root));
    }
  }
}

export function matchesFilter(node: FilterNode, entity: unknown): boolean {
  return evaluate(node, {}, entity);
}

/** The literal a filter compares a top-level property with, e.g. `mail` in `mail eq 'x'` (for index lookups). */
export function equalityLiteral(node: FilterNode, property: string): Literal | undefined {
  if (node.kind !== 'compare' || node.op !== 'eq') return undefined;
  const [path, literal] = node.left.kind === 'path' ? [node.left, node.right] : [node.right, node.left];
  if (path.kind !== 'path' || literal.kind !== 'literal') return undefined;
  return path.path.length === 1 && path.path[0]?.toLowerCase() === property.toLowerCase()
    ? literal.value
    : undefined;
}
