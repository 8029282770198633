// INSERT / REPLACE, UPDATE and DELETE (single- and multi-table forms).

import type {
  Assignment,
  ColumnRef,
  DeleteStmt,
  ExprNode,
  Hint,
  InsertStmt,
  TableName,
  UpdateStmt,
  WithClause,
} from './ast.js';
import { parseExpr, parseOrderList } from './expr.js';
import { parseHints } from './hints.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { isQueryStart, parseLimit, parseQuery } from './query.js';
import { parseIndexHints, parseTableName, parseTableRefs } from './tables.js';

function hintsAfterKeyword(p: Parser): Hint[] {
  return p.tok.t === Tk.Hint ? parseHints(p.advance().text) : [];
}

function parseColumnRef(p: Parser): ColumnRef {
  const a = p.ident();
  if (!p.acceptOp('.')) return { kind: 'column', column: a };
  const b = p.identAfterDot();
  if (!p.acceptOp('.')) return { kind: 'column', table: a, column: b };
  return { kind: 'column', db: a, table: b, column: p.identAfterDot() };
}

function parseAssignments(p: Parser): Assignment[] {
  return p.list(() => {
    const column = parseColumnRef(p);
    if (!p.acceptOp('=')) p.expectOp(':=');
    return { column, value: parseExpr(p) };
  });
}

/** INSERT or REPLACE; the current token is the keyword. */
export function parseInsert(p: Parser): InsertStmt {
  const replace = p.advance().up === 'REPLACE';
  const hints = hintsAfterKeyword(p);
  if (!p.acceptKw('LOW_PRIORITY') && !p.acceptKw('DELAYED')) p.acceptKw('HIGH_PRIORITY');
  const ignore = p.acceptKw('IGNORE');
  p.acceptKw('INTO');
  const table = parseTableName(p);
  const stmt: InsertStmt = { kind: 'insert', replace, ignore, hints, table };
  if (p.acceptKw('PARTITION')) table.partitions = p.parenList(() => p.ident());
  if (p.isOp('(') && !isQueryStartAt(p, 1)) {
    p.pos++;
    stmt.columns = p.isOp(')') ? [] : p.list(() => columnName(p));
    p.expectOp(')');
  }
  if (p.acceptKw('VALUES') || p.acceptKw('VALUE')) {
    stmt.values = p.list(() => parseValuesRow(p));
  } else if (p.acceptKw('SET')) {
    stmt.set = parseAssignments(p);
  } else if (isQueryStart(p) || p.isOp('(')) {
    stmt.query = parseQuery(p);
  } else p.fail();
  if (p.isKw('AS') && stmt.values) {
    // Row alias `VALUES (...) AS new [(cols)]` (MySQL 8.0.19): accepted and ignored.
    p.pos++;
    p.ident();
    if (p.isOp('(')) p.parenList(() => p.ident());
  }
  if (p.isKw('ON') && p.isKwAt(1, 'DUPLICATE')) {
    p.pos += 2;
    p.expectKw('KEY');
    p.expectKw('UPDATE');
    stmt.onDuplicate = parseAssignments(p);
  }
  return stmt;
}

function isQueryStartAt(p: Parser, k: number): boolean {
  const t = p.peek(k);
  return t.t === Tk.Ident && (t.up === 'SELECT' || t.up === 'WITH' || t.up === 'TABLE' || t.up === 'VALUES');
}

/** A column name in an INSERT column list; `t.c` is accepted as c. */
function columnName(p: Parser): string {
  const a = p.ident();
  if (!p.acceptOp('.')) return a;
  const b = p.identAfterDot();
  return p.acceptOp('.') ? p.identAfterDot() : b;
}

function parseValuesRow(p: Parser): ExprNode[] {
  p.acceptKw('ROW');
  p.expectOp('(');
  if (p.acceptOp(')')) return [];
  const row: ExprNode[] = [];
  do row.push(parseExpr(p));
  while (p.acceptOp(','));
  p.expectOp(')');
  return row;
}

export function parseUpdate(p: Parser, withClause: WithClause | undefined): UpdateStmt {
  p.expectKw('UPDATE');
  const hints = hintsAfterKeyword(p);
  p.acceptKw('LOW_PRIORITY');
  const ignore = p.acceptKw('IGNORE');
  const table = parseTableRefs(p);
  p.expectKw('SET');
  const stmt: UpdateStmt = { kind: 'update', ignore, hints, table, set: parseAssignments(p) };
  if (withClause) stmt.with = withClause;
  if (p.acceptKw('WHERE')) stmt.where = parseExpr(p);
  if (p.isKw('ORDER')) {
    p.pos++;
    p.expectKw('BY');
    stmt.orderBy = parseOrderList(p);
  }
  if (p.isKw('LIMIT')) stmt.limit = parseLimit(p);
  return stmt;
}

/** `t` or `t.*` in a multi-table DELETE target list. */
function parseDeleteTarget(p: Parser): TableName {
  const first = p.ident();
  let table: TableName = { kind: 'table', name: first };
  if (p.acceptOp('.')) {
    if (p.acceptOp('*')) return table;
    table = { kind: 'table', db: first, name: p.identAfterDot() };
    if (p.acceptOp('.')) p.expectOp('*');
  }
  return table;
}

export function parseDelete(p: Parser, withClause: WithClause | undefined): DeleteStmt {
  p.expectKw('DELETE');
  const hints = hintsAfterKeyword(p);
  let ignore = false;
  let quick = false;
  for (;;) {
    if (p.acceptKw('LOW_PRIORITY')) continue;
    if (p.acceptKw('QUICK')) quick = true;
    else if (p.acceptKw('IGNORE')) ignore = true;
    else break;
  }
  let stmt: DeleteStmt;
  if (p.acceptKw('FROM')) {
    const first = parseDeleteTarget(p);
    if (p.isOp(',') || p.isKw('USING')) {
      const targets = [first];
      while (p.acceptOp(',')) targets.push(parseDeleteTarget(p));
      p.expectKw('USING');
      stmt = { kind: 'delete', ignore, quick, hints, from: parseTableRefs(p), targets };
    } else {
      // Single-table form: the target may carry an alias and partitions.
      if (p.acceptKw('PARTITION')) first.partitions = p.parenList(() => p.ident());
      if (p.acceptKw('AS')) first.alias = p.ident();
      else if (p.isIdentTok()) first.alias = p.ident();
      parseIndexHints(p, first);
      stmt = { kind: 'delete', ignore, quick, hints, from: first };
    }
  } else {
    const targets = p.list(() => parseDeleteTarget(p));
    p.expectKw('FROM');
    stmt = { kind: 'delete', ignore, quick, hints, from: parseTableRefs(p), targets };
  }
  if (withClause) stmt.with = withClause;
  if (p.acceptKw('WHERE')) stmt.where = parseExpr(p);
  if (p.isKw('ORDER')) {
    p.pos++;
    p.expectKw('BY');
    stmt.orderBy = parseOrderList(p);
  }
  if (p.isKw('LIMIT')) stmt.limit = parseLimit(p);
  return stmt;
}
