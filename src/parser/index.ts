// Public parser API: scripts, single statements and standalone expressions.

import type { ExprNode, ParsedStatement } from './ast.js';
import { EmptyQueryError, ParseError } from './errors.js';
import { parseExpr } from './expr.js';
import { Tk, tokenize } from './lexer.js';
import { Parser } from './parser-core.js';
import { parseStatement } from './statement.js';

export * from './ast.js';
export { EmptyQueryError, ParseError } from './errors.js';
export { isReservedKeyword } from './keywords.js';

/** Parses a script of `;`-separated statements; empty statements are skipped. */
export function parse(sql: string): ParsedStatement[] {
  const p = new Parser(sql, tokenize(sql));
  const out: ParsedStatement[] = [];
  for (;;) {
    while (p.acceptOp(';')) {
      // Empty statement.
    }
    if (p.tok.t === Tk.Eof) break;
    out.push(parseOneAt(p));
    if (p.tok.t !== Tk.Eof && !p.isOp(';')) p.fail();
  }
  if (out.length === 0) throw new EmptyQueryError();
  return out;
}

function parseOneAt(p: Parser): ParsedStatement {
  const from = p.pos;
  p.paramIdx = 0;
  const stmt = parseStatement(p);
  if (!p.atEnd()) p.fail();
  const offset = p.toks[from].start;
  return { stmt, text: p.textFrom(from), offset, paramCount: p.paramIdx };
}

/** Parses exactly one statement; a trailing `;` is allowed. */
export function parseOne(sql: string): ParsedStatement {
  const p = new Parser(sql, tokenize(sql));
  while (p.acceptOp(';')) {
    // Leading empty statements.
  }
  if (p.tok.t === Tk.Eof) throw new EmptyQueryError();
  const res = parseOneAt(p);
  while (p.acceptOp(';')) {
    // Trailing terminators.
  }
  if (p.tok.t !== Tk.Eof) p.fail();
  return res;
}

/** Parses a standalone expression (stored defaults, partition expressions, generated columns). */
export function parseExpression(text: string): ExprNode {
  const p = new Parser(text, tokenize(text));
  if (p.tok.t === Tk.Eof) throw new ParseError(text, text.length, text.length);
  const e = parseExpr(p);
  if (p.tok.t !== Tk.Eof) p.fail();
  return e;
}
