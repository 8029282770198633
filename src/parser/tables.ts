// Table references: names with partitions, index hints, AS OF, aliases; derived tables; every join form.

import type { JoinNode, TableName, TableRef } from './ast.js';
import { parseExpr } from './expr.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { isQueryStart, parseAlias, parseQuery } from './query.js';

/** `name` or `db.name`. */
export function parseTableName(p: Parser): TableName {
  const first = p.ident();
  if (p.acceptOp('.')) return { kind: 'table', db: first, name: p.identAfterDot() };
  return { kind: 'table', name: first };
}

/** A comma-separated list of table references; commas are cross joins. */
export function parseTableRefs(p: Parser): TableRef {
  let left = parseTableRef(p);
  while (p.acceptOp(',')) {
    left = join('cross', left, parseTableRef(p));
  }
  return left;
}

function join(type: JoinNode['type'], left: TableRef, right: TableRef): JoinNode {
  return { kind: 'join', type, natural: false, straight: false, left, right };
}

function isJoinStart(p: Parser): boolean {
  const t = p.tok;
  if (t.t !== Tk.Ident) return false;
  switch (t.up) {
    case 'JOIN':
    case 'INNER':
    case 'CROSS':
    case 'STRAIGHT_JOIN':
    case 'LEFT':
    case 'RIGHT':
    case 'NATURAL':
      return true;
    default:
      return false;
  }
}

/** A table factor followed by any number of joins. */
export function parseTableRef(p: Parser): TableRef {
  let left = parseTableFactor(p);
  while (isJoinStart(p)) left = parseJoin(p, left);
  return left;
}

function parseJoin(p: Parser, left: TableRef): JoinNode {
  const t = p.advance();
  let node: JoinNode;
  switch (t.up) {
    case 'NATURAL': {
      let type: JoinNode['type'] = 'inner';
      if (p.acceptKw('LEFT')) type = 'left';
      else if (p.acceptKw('RIGHT')) type = 'right';
      else p.acceptKw('INNER');
      if (type !== 'inner') p.acceptKw('OUTER');
      p.expectKw('JOIN');
      node = join(type, left, parseTableFactor(p));
      node.natural = true;
      return node;
    }
    case 'LEFT':
    case 'RIGHT': {
      p.acceptKw('OUTER');
      p.expectKw('JOIN');
      let right = parseTableFactor(p);
      // Nested joins before the ON: `a LEFT JOIN b JOIN c ON x ON y`.
      while (isJoinStart(p)) right = parseJoin(p, right);
      node = join(t.up === 'LEFT' ? 'left' : 'right', left, right);
      parseJoinCondition(p, node, true);
      return node;
    }
    case 'STRAIGHT_JOIN':
      node = join('inner', left, parseTableFactor(p));
      node.straight = true;
      if (p.acceptKw('ON')) node.on = parseExpr(p);
      return node;
    default: {
      let type: JoinNode['type'] = 'inner';
      if (t.up === 'CROSS') type = 'cross';
      if (t.up !== 'JOIN') p.expectKw('JOIN');
      node = join(type, left, parseTableFactor(p));
      parseJoinCondition(p, node, false);
      if (node.on || node.using) node.type = 'inner';
      return node;
    }
  }
}

function parseJoinCondition(p: Parser, node: JoinNode, required: boolean): void {
  if (p.acceptKw('ON')) node.on = parseExpr(p);
  else if (p.acceptKw('USING')) node.using = p.parenList(() => p.ident());
  else if (required) p.fail();
}

function parseTableFactor(p: Parser): TableRef {
  if (p.isOp('(')) return parseParenFactor(p);
  if (p.isKw('LATERAL') && p.isOpAt(1, '(')) {
    p.pos++;
    const d = parseParenFactor(p);
    if (d.kind !== 'derived') p.fail();
    d.lateral = true;
    return d;
  }
  const table = parseTableName(p);
  if (p.acceptKw('PARTITION')) table.partitions = p.parenList(() => p.ident());
  if (p.isKw('AS') && p.isKwAt(1, 'OF')) {
    p.pos += 2;
    p.expectKw('TIMESTAMP');
    table.asOf = parseExpr(p);
  }
  const alias = parseAlias(p);
  if (alias !== undefined) table.alias = alias;
  parseIndexHints(p, table);
  return table;
}

/** `(SELECT ...) [AS] alias [(cols)]` or a parenthesized table reference list. */
function parseParenFactor(p: Parser): TableRef {
  p.expectOp('(');
  let isQuery = isQueryStart(p);
  if (!isQuery && p.isOp('(')) {
    // `((SELECT ...) UNION ...) t`: skip nested parentheses to see what they open.
    let k = 1;
    while (p.isOpAt(k, '(')) k++;
    const t = p.peek(k);
    isQuery = t.t === Tk.Ident && (t.up === 'SELECT' || t.up === 'WITH' || t.up === 'VALUES');
  }
  if (isQuery) {
    const query = parseQuery(p);
    p.expectOp(')');
    // A missing alias parses (as ''): the binder reports MySQL's error 1248 for it.
    const alias = parseAlias(p) ?? '';
    const columns = p.isOp('(') ? p.parenList(() => p.ident()) : undefined;
    return columns ? { kind: 'derived', query, alias, columns } : { kind: 'derived', query, alias };
  }
  const ref = parseTableRefs(p);
  p.expectOp(')');
  return ref;
}

export function parseIndexHints(p: Parser, table: TableName): void {
  for (;;) {
    const t = p.tok;
    if (t.t !== Tk.Ident || (t.up !== 'USE' && t.up !== 'FORCE' && t.up !== 'IGNORE')) return;
    const k = p.peek();
    if (k.t !== Tk.Ident || (k.up !== 'INDEX' && k.up !== 'KEY')) return;
    p.pos += 2;
    let scope: 'join' | 'order' | 'group' | undefined;
    if (p.acceptKw('FOR')) {
      if (p.acceptKw('JOIN')) scope = 'join';
      else {
        if (p.acceptKw('ORDER')) scope = 'order';
        else {
          p.expectKw('GROUP');
          scope = 'group';
        }
        p.expectKw('BY');
      }
    }
    p.expectOp('(');
    const indexes: string[] = [];
    if (!p.isOp(')')) {
      do {
        indexes.push(p.acceptKw('PRIMARY') ? 'primary' : p.ident());
      } while (p.acceptOp(','));
    }
    p.expectOp(')');
    const hint: NonNullable<TableName['indexHints']>[number] = {
      type: t.up === 'USE' ? 'use' : t.up === 'FORCE' ? 'force' : 'ignore',
      indexes,
    };
    if (scope) hint.scope = scope;
    (table.indexHints ??= []).push(hint);
  }
}
