// Expression parser following MySQL's grammar layers: expr (OR/XOR/AND/NOT) → boolean primary (comparisons, IS)
// → predicate (IN, BETWEEN, LIKE, REGEXP) → bit expression (precedence climbing) → simple expression.

import type { BinaryOp, ExprNode, FuncCall, Literal, OrderItem, QueryNode } from './ast.js';
import { parseFunctionCall, parseIntervalUnit, parseKeywordPrimary } from './expr-func.js';
import { isReservedUpper } from './keywords.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { continueQuery, isQueryStart, parseQuery } from './query.js';

export function parseExpr(p: Parser): ExprNode {
  let left = parseXor(p);
  for (;;) {
    if (p.isKw('OR')) {
      p.pos++;
      left = { kind: 'binary', op: 'or', left, right: parseXor(p) };
    } else if (p.isOp('||')) {
      p.pos++;
      left = { kind: 'binary', op: '||', left, right: parseXor(p) };
    } else return left;
  }
}

function parseXor(p: Parser): ExprNode {
  let left = parseAnd(p);
  while (p.acceptKw('XOR')) left = { kind: 'binary', op: 'xor', left, right: parseAnd(p) };
  return left;
}

function parseAnd(p: Parser): ExprNode {
  let left = parseNot(p);
  while (p.acceptKw('AND') || p.acceptOp('&&')) left = { kind: 'binary', op: 'and', left, right: parseNot(p) };
  return left;
}

function parseNot(p: Parser): ExprNode {
  if (p.acceptKw('NOT')) {
    const operand = parseNot(p);
    if (operand.kind === 'exists' && !operand.not) return { ...operand, not: true };
    return { kind: 'unary', op: 'not', operand };
  }
  return parseBoolPrimary(p);
}

const COMPARE_OPS: Record<string, BinaryOp> = {
  '=': '=',
  '<=>': '<=>',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function parseBoolPrimary(p: Parser): ExprNode {
  let left = parsePredicate(p);
  for (;;) {
    const t = p.tok;
    if (t.t === Tk.Op && COMPARE_OPS[t.up] !== undefined) {
      const op = COMPARE_OPS[t.up];
      p.pos++;
      const q = p.tok;
      if (
        op !== '<=>' &&
        q.t === Tk.Ident &&
        (q.up === 'ANY' || q.up === 'SOME' || q.up === 'ALL') &&
        p.isOpAt(1, '(')
      ) {
        p.pos += 2;
        const query = parseQuery(p);
        p.expectOp(')');
        left = {
          kind: 'quantified',
          op: op as '=' | '!=' | '<' | '<=' | '>' | '>=',
          quantifier: q.up === 'ALL' ? 'all' : 'any',
          left,
          query,
        };
        continue;
      }
      left = { kind: 'binary', op, left, right: parsePredicate(p) };
    } else if (t.t === Tk.Ident && t.up === 'IS') {
      p.pos++;
      const not = p.acceptKw('NOT');
      const v = p.tok;
      if (v.t !== Tk.Ident) p.fail();
      let value: 'null' | 'true' | 'false' | 'unknown';
      if (v.up === 'NULL') value = 'null';
      else if (v.up === 'TRUE') value = 'true';
      else if (v.up === 'FALSE') value = 'false';
      else if (v.up === 'UNKNOWN') value = 'unknown';
      else return p.fail();
      p.pos++;
      left = { kind: 'is', expr: left, not, value };
    } else return left;
  }
}

function parsePredicate(p: Parser): ExprNode {
  const expr = parseBitExpr(p, 1);
  let not = false;
  let t = p.tok;
  if (t.t !== Tk.Ident) return expr;
  if (t.up === 'NOT') {
    const n = p.peek();
    if (n.t !== Tk.Ident) return expr;
    if (n.up !== 'IN' && n.up !== 'BETWEEN' && n.up !== 'LIKE' && n.up !== 'REGEXP' && n.up !== 'RLIKE') return expr;
    p.pos++;
    not = true;
    t = p.tok;
  }
  switch (t.up) {
    case 'IN': {
      p.pos++;
      p.expectOp('(');
      if (isQueryStart(p)) {
        const query = parseQuery(p);
        p.expectOp(')');
        return { kind: 'in', expr, not, query };
      }
      const list = p.list(() => parseExpr(p));
      p.expectOp(')');
      return { kind: 'in', expr, not, list };
    }
    case 'BETWEEN': {
      p.pos++;
      const low = parseBitExpr(p, 1);
      p.expectKw('AND');
      const high = parsePredicate(p);
      return { kind: 'between', expr, low, high, not };
    }
    case 'LIKE': {
      p.pos++;
      const pattern = parseBitExpr(p, 1);
      const escapeChar = p.acceptKw('ESCAPE') ? parseSimple(p) : undefined;
      return escapeChar
        ? { kind: 'like', expr, pattern, escape: escapeChar, not }
        : { kind: 'like', expr, pattern, not };
    }
    case 'REGEXP':
    case 'RLIKE':
      p.pos++;
      return { kind: 'regexp', expr, pattern: parseBitExpr(p, 1), not };
    case 'SOUNDS':
      if (!p.isKwAt(1, 'LIKE')) return expr;
      p.pos += 2;
      return {
        kind: 'binary',
        op: '=',
        left: func('soundex', [expr]),
        right: func('soundex', [parseBitExpr(p, 1)]),
      };
    case 'MEMBER':
      if (!p.isKwAt(1, 'OF')) return expr;
      p.pos += 2;
      p.expectOp('(');
      {
        const arr = parseSimple(p);
        p.expectOp(')');
        return func('json_memberof', [expr, arr]);
      }
    default:
      return expr;
  }
}

/** Precedence of bit-expression operators (higher binds tighter); 0 when the token is none. */
function bitPrec(p: Parser): number {
  const t = p.tok;
  if (t.t === Tk.Op) {
    switch (t.up) {
      case '|':
        return 1;
      case '&':
        return 2;
      case '<<':
      case '>>':
        return 3;
      case '+':
      case '-':
        return 4;
      case '*':
      case '/':
      case '%':
        return 5;
      case '^':
        return 6;
      default:
        return 0;
    }
  }
  if (t.t === Tk.Ident && (t.up === 'DIV' || t.up === 'MOD')) return 5;
  return 0;
}

export function parseBitExpr(p: Parser, minPrec: number): ExprNode {
  let left = parseSimple(p);
  for (;;) {
    const prec = bitPrec(p);
    if (prec === 0 || prec < minPrec) return left;
    const t = p.advance();
    let op = t.up.toLowerCase() as BinaryOp;
    if (t.up === 'MOD') op = '%';
    if ((op === '+' || op === '-') && p.isKw('INTERVAL') && !p.isOpAt(1, '(')) {
      p.pos++;
      const amount = parseExpr(p);
      const unit = parseIntervalUnit(p);
      left = func(op === '+' ? 'date_add' : 'date_sub', [left, amount, strLit(unit)]);
      continue;
    }
    left = { kind: 'binary', op, left, right: parseBitExpr(p, prec + 1) };
  }
}

/** Unary operators, a primary, then COLLATE. */
export function parseSimple(p: Parser): ExprNode {
  const t = p.tok;
  let e: ExprNode;
  if (t.t === Tk.Op && (t.up === '-' || t.up === '~' || t.up === '!' || t.up === '+')) {
    p.pos++;
    const operand = parseSimple(p);
    if (t.up === '+') return operand;
    e = { kind: 'unary', op: t.up as '-' | '~' | '!', operand };
  } else if (t.t === Tk.Ident && t.up === 'BINARY') {
    p.pos++;
    e = { kind: 'unary', op: 'binary', operand: parseSimple(p) };
  } else e = parsePrimary(p);
  while (p.isKw('COLLATE')) {
    p.pos++;
    e = { kind: 'collate', expr: e, collation: p.identOrString().toLowerCase() };
  }
  return e;
}

export function func(name: string, args: ExprNode[]): FuncCall {
  return { kind: 'func', name, args };
}

export function strLit(text: string): Literal {
  return { kind: 'literal', type: 'string', text };
}

const CHARSET_INTRODUCERS = new Set([
  '_UTF8MB4',
  '_UTF8',
  '_UTF8MB3',
  '_BINARY',
  '_LATIN1',
  '_ASCII',
  '_GBK',
  '_GB18030',
  '_UTF16',
  '_UTF32',
  '_UCS2',
]);

export function parsePrimary(p: Parser): ExprNode {
  const t = p.tok;
  switch (t.t) {
    case Tk.Number:
      p.pos++;
      return { kind: 'literal', type: t.numKind ?? 'int', text: t.text };
    case Tk.String: {
      p.pos++;
      let text = t.text;
      while (p.tok.t === Tk.String) text += p.advance().text;
      return { kind: 'literal', type: 'string', text };
    }
    case Tk.Hex:
      p.pos++;
      return { kind: 'literal', type: 'hexString', text: t.text };
    case Tk.Bit:
      p.pos++;
      return { kind: 'literal', type: 'bitString', text: t.text };
    case Tk.Param:
      p.pos++;
      return { kind: 'param', index: p.paramIdx++ };
    case Tk.UserVar:
      p.pos++;
      if (p.acceptOp(':=')) return { kind: 'assign', name: t.text, value: parseExpr(p) };
      return { kind: 'variable', name: t.text, system: false };
    case Tk.SysVar:
      p.pos++;
      return t.scope
        ? { kind: 'variable', name: t.text, system: true, scope: t.scope }
        : { kind: 'variable', name: t.text, system: true };
    case Tk.QIdent:
      return parseColumnOrCall(p);
    case Tk.Op:
      if (t.up === '(') return parseParen(p);
      return p.fail();
    case Tk.Ident: {
      const up = t.up;
      if (up.charCodeAt(0) === 95 && CHARSET_INTRODUCERS.has(up)) {
        const v = p.peek();
        if (v.t === Tk.String || v.t === Tk.Hex || v.t === Tk.Bit) {
          p.pos += 2;
          const type = v.t === Tk.String ? 'string' : v.t === Tk.Hex ? 'hexString' : 'bitString';
          return { kind: 'literal', type, text: v.text, charset: up.slice(1).toLowerCase() };
        }
      }
      const special = parseKeywordPrimary(p, up);
      if (special) return special;
      if (p.isOpAt(1, '(')) return parseFunctionCall(p, undefined);
      if (isReservedUpper(up)) return p.fail();
      return parseColumnOrCall(p);
    }
    default:
      return p.fail();
  }
}

/** `a`, `t.a`, `db.t.a`, `db.f(...)`, and the JSON operators `col->path` / `col->>path`. */
function parseColumnOrCall(p: Parser): ExprNode {
  const first = p.advance().text;
  let e: ExprNode;
  if (p.isOp('.')) {
    p.pos++;
    const second = p.identAfterDot();
    if (p.isOp('(')) {
      p.pos--;
      return parseFunctionCall(p, first);
    }
    if (p.acceptOp('.')) e = { kind: 'column', db: first, table: second, column: p.identAfterDot() };
    else e = { kind: 'column', table: first, column: second };
  } else if (p.isOp('(')) {
    p.pos--;
    return parseFunctionCall(p, undefined);
  } else e = { kind: 'column', column: first };
  if (p.isOp('->') || p.isOp('->>')) {
    const unquote = p.advance().up === '->>';
    const path = p.tok;
    if (path.t !== Tk.String) p.fail();
    p.pos++;
    const extract = func('json_extract', [e, strLit(path.text)]);
    return unquote ? func('json_unquote', [extract]) : extract;
  }
  return e;
}

/** `( expr )`, a row `(a, b)`, or a subquery `(SELECT ...)` possibly continued by set operators. */
function parseParen(p: Parser): ExprNode {
  p.pos++;
  if (isQueryStart(p)) {
    const query = parseQuery(p);
    p.expectOp(')');
    return { kind: 'subquery', query };
  }
  const first = parseExpr(p);
  if (first.kind === 'subquery' && !p.isOp(')') && !p.isOp(',')) {
    const query: QueryNode = continueQuery(p, first.query);
    p.expectOp(')');
    return { kind: 'subquery', query };
  }
  if (p.isOp(',')) {
    const items = [first];
    while (p.acceptOp(',')) items.push(parseExpr(p));
    p.expectOp(')');
    return { kind: 'row', items };
  }
  p.expectOp(')');
  return first;
}

export function parseExprList(p: Parser): ExprNode[] {
  return p.list(() => parseExpr(p));
}

export function parseOrderItem(p: Parser): OrderItem {
  const expr = parseExpr(p);
  if (p.acceptKw('DESC')) return { expr, desc: true };
  p.acceptKw('ASC');
  return { expr, desc: false };
}

/** `ORDER BY` already consumed. */
export function parseOrderList(p: Parser): OrderItem[] {
  return p.list(() => parseOrderItem(p));
}
