// Query expressions: SELECT, set operations (INTERSECT binds tighter than UNION/EXCEPT), parenthesized queries,
// VALUES ROW(...), TABLE t, WITH clauses, ORDER BY / LIMIT / locking tails.

import type { ExprNode, Limit, QueryNode, SelectField, SelectStmt, SetOpStmt, ValuesStmt, WithClause } from './ast.js';
import { parseExpr, parseExprList, parseOrderList } from './expr.js';
import { parseWindowSpec } from './expr-func.js';
import { parseHints } from './hints.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { parseTableName, parseTableRefs } from './tables.js';

/** Whether the current token starts a query (inside a parenthesis). */
export function isQueryStart(p: Parser): boolean {
  const t = p.tok;
  if (t.t !== Tk.Ident) return false;
  return t.up === 'SELECT' || t.up === 'WITH' || (t.up === 'VALUES' && p.isKwAt(1, 'ROW')) || t.up === 'TABLE';
}

export function parseWith(p: Parser): WithClause {
  p.expectKw('WITH');
  const recursive = p.acceptKw('RECURSIVE');
  const ctes = p.list(() => {
    const name = p.ident();
    const columns = p.isOp('(') ? p.parenList(() => p.ident()) : undefined;
    p.expectKw('AS');
    p.expectOp('(');
    const query = parseQuery(p);
    p.expectOp(')');
    return columns ? { name, columns, query } : { name, query };
  });
  return { recursive, ctes };
}

/** A full query expression: [WITH] body [ORDER BY] [LIMIT] [locking] [INTO]. */
export function parseQuery(p: Parser): QueryNode {
  const withClause = p.isKw('WITH') ? parseWith(p) : undefined;
  const q = continueQuery(p, parseIntersectTerm(p));
  if (withClause) {
    if (q.kind === 'valuesQuery') p.fail();
    q.with = withClause;
  }
  return q;
}

/** Continues a query whose first operand is already parsed: set operators, then the tail clauses. */
export function continueQuery(p: Parser, first: QueryNode): QueryNode {
  let left = continueIntersect(p, first);
  for (;;) {
    let op: 'union' | 'except';
    if (p.isKw('UNION')) op = 'union';
    else if (p.isKw('EXCEPT')) op = 'except';
    else break;
    p.pos++;
    const all = p.acceptKw('ALL');
    if (!all) p.acceptKw('DISTINCT');
    const right = parseIntersectTerm(p);
    left = { kind: 'setop', op, all, left, right } satisfies SetOpStmt;
  }
  return parseQueryTail(p, left);
}

function parseIntersectTerm(p: Parser): QueryNode {
  return continueIntersect(p, parseQueryPrimary(p));
}

function continueIntersect(p: Parser, left: QueryNode): QueryNode {
  while (p.acceptKw('INTERSECT')) {
    const all = p.acceptKw('ALL');
    if (!all) p.acceptKw('DISTINCT');
    left = { kind: 'setop', op: 'intersect', all, left, right: parseQueryPrimary(p) };
  }
  return left;
}

function parseQueryPrimary(p: Parser): QueryNode {
  if (p.isKw('SELECT')) return parseSelectCore(p);
  if (p.acceptOp('(')) {
    const q = parseQuery(p);
    p.expectOp(')');
    return q;
  }
  if (p.isKw('VALUES')) {
    p.pos++;
    const rows = p.list(() => {
      p.expectKw('ROW');
      p.expectOp('(');
      const row = p.isOp(')') ? [] : parseExprList(p);
      p.expectOp(')');
      return row;
    });
    return { kind: 'valuesQuery', rows } satisfies ValuesStmt;
  }
  if (p.acceptKw('TABLE')) {
    const from = parseTableName(p);
    return selectStar(from);
  }
  return p.fail();
}

function selectStar(from: SelectStmt['from']): SelectStmt {
  return { kind: 'select', hints: [], distinct: false, options: [], fields: [{ star: {}, text: '*' }], from };
}

/** ORDER BY / LIMIT / locking / INTO after a query body; attaches them to the node they belong to. */
function parseQueryTail(p: Parser, q: QueryNode): QueryNode {
  if (p.isKw('ORDER') && p.isKwAt(1, 'BY')) {
    p.pos += 2;
    const orderBy = parseOrderList(p);
    if (q.orderBy || q.limit) p.fail();
    q.orderBy = orderBy;
  }
  if (p.isKw('LIMIT')) {
    const limit = parseLimit(p);
    if (q.limit) p.fail();
    q.limit = limit;
  }
  if (q.kind === 'select') {
    parseLockAndInto(p, q);
  }
  return q;
}

function parseLockAndInto(p: Parser, q: SelectStmt): void {
  for (;;) {
    if (p.isKw('FOR') && (p.isKwAt(1, 'UPDATE') || p.isKwAt(1, 'SHARE'))) {
      p.pos++;
      const mode = p.advance().up === 'UPDATE' ? 'update' : 'share';
      let tables: SelectStmt['from'][] | undefined;
      if (p.acceptKw('OF')) tables = p.list(() => parseTableName(p));
      let noWait = false;
      let skipLocked = false;
      if (p.acceptKw('NOWAIT')) noWait = true;
      else if (p.isKw('SKIP') && p.isKwAt(1, 'LOCKED')) {
        p.pos += 2;
        skipLocked = true;
      } else if (p.acceptKw('WAIT')) p.int();
      q.lock = { mode, noWait, skipLocked };
      if (tables) q.lock.tables = tables as NonNullable<SelectStmt['lock']>['tables'];
    } else if (p.isKw('LOCK') && p.isKwAt(1, 'IN')) {
      p.pos += 2;
      p.expectKw('SHARE');
      p.expectKw('MODE');
      q.lock = { mode: 'share', noWait: false, skipLocked: false };
    } else if (p.isKw('INTO') && !q.into) {
      q.into = parseInto(p);
    } else return;
  }
}

function parseInto(p: Parser): string[] {
  p.expectKw('INTO');
  return p.list(() => {
    const t = p.tok;
    if (t.t !== Tk.UserVar) p.fail();
    p.pos++;
    return t.text;
  });
}

/** `LIMIT n | LIMIT o, n | LIMIT n OFFSET o`. */
export function parseLimit(p: Parser): Limit {
  p.expectKw('LIMIT');
  const first = parseLimitValue(p);
  if (p.acceptOp(',')) return { count: parseLimitValue(p), offset: first };
  if (p.acceptKw('OFFSET')) return { count: first, offset: parseLimitValue(p) };
  return { count: first };
}

function parseLimitValue(p: Parser): ExprNode {
  const t = p.tok;
  if (t.t === Tk.Number && t.numKind === 'int') {
    p.pos++;
    return { kind: 'literal', type: 'int', text: t.text };
  }
  if (t.t === Tk.Param) {
    p.pos++;
    return { kind: 'param', index: p.paramIdx++ };
  }
  if (t.t === Tk.UserVar) {
    p.pos++;
    return { kind: 'variable', name: t.text, system: false };
  }
  return p.fail();
}

const SELECT_OPTIONS = new Set([
  'HIGH_PRIORITY',
  'STRAIGHT_JOIN',
  'SQL_SMALL_RESULT',
  'SQL_BIG_RESULT',
  'SQL_BUFFER_RESULT',
  'SQL_CACHE',
  'SQL_NO_CACHE',
  'SQL_CALC_FOUND_ROWS',
]);

/** SELECT ... without ORDER BY / LIMIT (those belong to the enclosing query expression). */
function parseSelectCore(p: Parser): SelectStmt {
  p.expectKw('SELECT');
  const stmt: SelectStmt = { kind: 'select', hints: [], distinct: false, options: [], fields: [] };
  if (p.tok.t === Tk.Hint) stmt.hints = parseHints(p.advance().text);
  for (;;) {
    const t = p.tok;
    if (t.t !== Tk.Ident) break;
    if (t.up === 'DISTINCT' || t.up === 'DISTINCTROW') stmt.distinct = true;
    else if (t.up === 'ALL') {
      // ALL is the default.
    } else if (SELECT_OPTIONS.has(t.up)) stmt.options.push(t.up.toLowerCase());
    else break;
    p.pos++;
  }
  stmt.fields = p.list(() => parseSelectField(p));
  if (p.isKw('INTO')) stmt.into = parseInto(p);
  if (p.acceptKw('FROM')) {
    if (!p.acceptKw('DUAL')) stmt.from = parseTableRefs(p);
  }
  if (p.acceptKw('WHERE')) stmt.where = parseExpr(p);
  if (p.isKw('GROUP')) {
    p.pos++;
    p.expectKw('BY');
    const items = parseOrderList(p);
    let rollup = false;
    if (p.isKw('WITH') && p.isKwAt(1, 'ROLLUP')) {
      p.pos += 2;
      rollup = true;
    }
    stmt.groupBy = { items, rollup };
  }
  if (p.acceptKw('HAVING')) stmt.having = parseExpr(p);
  if (p.acceptKw('WINDOW')) {
    stmt.windows = p.list(() => {
      const name = p.ident();
      p.expectKw('AS');
      return { name, spec: parseWindowSpec(p) };
    });
  }
  return stmt;
}

function parseSelectField(p: Parser): SelectField {
  const t = p.tok;
  if (t.t === Tk.Op && t.up === '*') {
    p.pos++;
    return { star: {}, text: '*' };
  }
  if ((t.t === Tk.Ident || t.t === Tk.QIdent) && p.isOpAt(1, '.')) {
    if (p.isOpAt(2, '*')) {
      p.pos += 3;
      return { star: { table: t.text }, text: p.sql.slice(t.start, p.lastEnd) };
    }
    if (p.isOpAt(3, '.') && p.isOpAt(4, '*')) {
      const table = p.peek(2).text;
      p.pos += 5;
      return { star: { db: t.text, table }, text: p.sql.slice(t.start, p.lastEnd) };
    }
  }
  const from = p.pos;
  const expr = parseExpr(p);
  const field: SelectField = { expr, text: p.textFrom(from) };
  const alias = parseAlias(p);
  if (alias !== undefined) field.alias = alias;
  return field;
}

/** `[AS] alias` where alias is an identifier or a string; undefined when absent. */
export function parseAlias(p: Parser): string | undefined {
  if (p.acceptKw('AS')) return p.identOrString();
  const t = p.tok;
  if (t.t === Tk.String || p.isIdentTok(t)) {
    p.pos++;
    return t.text;
  }
  return undefined;
}
