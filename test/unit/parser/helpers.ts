// Shared helpers for parser tests.

import type { ExprNode, QueryNode, SelectStmt, Statement } from '../../../src/parser/index.js';
import { parseExpression, parseOne } from '../../../src/parser/index.js';
import { exprToString } from '../../../src/parser/restore.js';

export function stmt(sql: string): Statement {
  return parseOne(sql).stmt;
}

export function query(sql: string): QueryNode {
  const s = stmt(sql);
  if (s.kind !== 'query') throw new Error(`not a query: ${s.kind}`);
  return s.query;
}

export function select(sql: string): SelectStmt {
  const q = query(sql);
  if (q.kind !== 'select') throw new Error(`not a select: ${q.kind}`);
  return q;
}

/** Parses an expression and renders it back, which shows its structure compactly. */
export function show(expr: string): string {
  return exprToString(parseExpression(expr));
}

export function expr(text: string): ExprNode {
  return parseExpression(text);
}
