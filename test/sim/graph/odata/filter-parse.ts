/**
 * Parser for the subset of OData `$filter` the simulated Graph understands: comparisons (eq, ne, gt, ge,
 * lt, le), and/or/not, parentheses, `startswith(path, 'x')`, and lambdas such as
 * `singleValueExtendedProperties/any(ep: ep/id eq '…' and ep/value eq '…')`.
 * (https://learn.microsoft.com/graph/filter-query-parameter)
 */

export type Literal = string | number | boolean | null | { dateTime: string };

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'startswith'; path: string[]; value: string }
  | { kind: 'any'; path: string[]; variable: string; body: FilterNode };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Operand = { kind: 'path'; path: string[] } | { kind: 'literal'; value: Literal };

export class FilterSyntaxError extends Error {}

const TOKEN =
  /\s*('(?:[^']|'')*'|\(|\)|,|:|[A-Za-z_][\w.]*(?:\/[A-Za-z_][\w.]*)*|-?\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?|-?\d+(?:\.\d+)?|\S)/y;
const COMPARE_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match?.[1]) {
      if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
      throw new FilterSyntaxError(`unexpected text at ${TOKEN.lastIndex}`);
    }
    tokens.push(match[1]);
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: string[]) {}

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new FilterSyntaxError('unexpected end of filter');
    return token;
  }

  private expect(token: string): void {
    const got = this.next();
    if (got !== token) throw new FilterSyntaxError(`expected ${token}, got ${got}`);
  }

  private keyword(word: string): boolean {
    if (this.peek()?.toLowerCase() !== word) return false;
    this.position++;
    return true;
  }

  parseAll(): FilterNode {
    const node = this.or();
    if (this.peek() !== undefined) throw new FilterSyntaxError(`unexpected ${this.peek()}`);
    return node;
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.keyword('and')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): FilterNode {
    if (this.keyword('not')) return { kind: 'not', operand: this.unary() };
    if (this.peek() === '(') {
      this.next();
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (this.peek()?.toLowerCase() === 'startswith') {
      this.next();
      this.expect('(');
      const path = this.path(this.next());
      this.expect(',');
      const value = this.literal(this.next());
      this.expect(')');
      if (typeof value !== 'string') throw new FilterSyntaxError('startswith needs a string');
      return { kind: 'startswith', path, value };
    }
    const left = this.operand();
    if (left.kind === 'path' && this.peek() === '(') {
      const last = left.path.at(-1)?.toLowerCase();
      if (last !== 'any') throw new FilterSyntaxError(`unsupported function ${left.path.join('/')}`);
      this.next();
      const variable = this.next();
      this.expect(':');
      const body = this.or();
      this.expect(')');
      return { kind: 'any', path: left.path.slice(0, -1), variable, body };
    }
    const op = this.next().toLowerCase();
    if (!COMPARE_OPS.has(op)) throw new FilterSyntaxError(`unsupported operator ${op}`);
    return { kind: 'compare', op: op as CompareOp, left, right: this.operand() };
  }

  private operand(): Operand {
    const token = this.next();
    if (/^[A-Za-z_]/.test(token) && !/^(true|false|null)$/i.test(token))
      return { kind: 'path', path: this.path(token) };
    return { kind: 'literal', value: this.literal(token) };
  }

  private path(token: string): string[] {
    if (!/^[A-Za-z_]/.test(token)) throw new FilterSyntaxError(`expected a property, got ${token}`);
    return token.split('/');
  }

  private literal(token: string): Literal {
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^true$/i.test(token)) return true;
    if (/^false$/i.test(token)) return false;
    if (/^null$/i.test(token)) return null;
    if (/^-?\d{4}-\d{2}-\d{2}T/.test(token)) return { dateTime: token };
    if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
    throw new FilterSyntaxError(`unexpected ${token}`);
  }
}

export function parseFilter(text: string): FilterNode {
  return new Parser(tokenize(text)).parseAll();
}

/** String literals compared with `<variable>/id` inside lambdas (the extended property ids a filter names). */
export function lambdaIds(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...lambdaIds(node.left), ...lambdaIds(node.right)];
    case 'not':
      return lambdaIds(node.operand);
    case 'any':
      return lambdaIds(node.body);
    case 'compare': {
      const [path, literal] = node.left.kind === 'path' ? [node.left, node.right] : [node.right, node.left];
      const isId = path.kind === 'path' && path.path.at(-1)?.toLowerCase() === 'id';
      return isId && literal.kind === 'literal' && typeof literal.value === 'string' ? [literal.value] : [];
    }
    case 'startswith':
      return [];
  }
}
