// Function calls and keyword-led expressions: special call syntaxes (CAST, CONVERT, EXTRACT, TRIM, POSITION,
// SUBSTRING ... FROM, DATE_ADD ... INTERVAL, GROUP_CONCAT), CASE, EXISTS, ROW, typed literals, window specs.

import type { ExprNode, FuncCall, WindowFrameBound, WindowSpec } from './ast.js';
import { func, parseBitExpr, parseExpr, parseExprList, parseOrderList, strLit } from './expr.js';
import { isReservedUpper } from './keywords.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { parseQuery } from './query.js';
import { parseCastType } from './types.js';

const INTERVAL_UNITS = new Set([
  'MICROSECOND',
  'SECOND',
  'MINUTE',
  'HOUR',
  'DAY',
  'WEEK',
  'MONTH',
  'QUARTER',
  'YEAR',
  'SECOND_MICROSECOND',
  'MINUTE_MICROSECOND',
  'MINUTE_SECOND',
  'HOUR_MICROSECOND',
  'HOUR_SECOND',
  'HOUR_MINUTE',
  'DAY_MICROSECOND',
  'DAY_SECOND',
  'DAY_MINUTE',
  'DAY_HOUR',
  'YEAR_MONTH',
]);

/** An interval/time unit keyword, upper-case; SQL_TSI_X is accepted as X. */
export function parseIntervalUnit(p: Parser): string {
  const t = p.tok;
  if (t.t !== Tk.Ident) return p.fail();
  const unit = t.up.startsWith('SQL_TSI_') ? t.up.slice(8) : t.up;
  if (!INTERVAL_UNITS.has(unit)) return p.fail();
  p.pos++;
  return unit;
}

/** Reserved words that may still name a function when followed by `(`. */
const CALLABLE_RESERVED = new Set([
  'IF',
  'LEFT',
  'RIGHT',
  'REPLACE',
  'INSERT',
  'MOD',
  'CHAR',
  'DATABASE',
  'SCHEMA',
  'REPEAT',
  'CONVERT',
  'CURRENT_USER',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'UTC_DATE',
  'UTC_TIME',
  'UTC_TIMESTAMP',
  'CUME_DIST',
  'DENSE_RANK',
  'FIRST_VALUE',
  'LAG',
  'LAST_VALUE',
  'LEAD',
  'NTH_VALUE',
  'NTILE',
  'PERCENT_RANK',
  'RANK',
  'ROW_NUMBER',
  'GROUPING',
]);

/** Niladic keywords that are function calls even without parentheses. */
const NILADIC = new Set([
  'CURRENT_TIMESTAMP',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_USER',
  'CURRENT_ROLE',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'UTC_DATE',
  'UTC_TIME',
  'UTC_TIMESTAMP',
]);

/** Keyword-led primaries; undefined when the keyword has no special form here. */
export function parseKeywordPrimary(p: Parser, up: string): ExprNode | undefined {
  switch (up) {
    case 'NULL':
      p.pos++;
      return { kind: 'literal', type: 'null', text: 'NULL' };
    case 'TRUE':
    case 'FALSE':
      p.pos++;
      return { kind: 'literal', type: 'bool', text: up };
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP': {
      const v = p.peek();
      if (v.t !== Tk.String) return undefined;
      p.pos += 2;
      return { kind: 'literal', type: up === 'DATE' ? 'date' : up === 'TIME' ? 'time' : 'timestamp', text: v.text };
    }
    case 'CASE':
      return parseCase(p);
    case 'EXISTS': {
      p.pos++;
      p.expectOp('(');
      const query = parseQuery(p);
      p.expectOp(')');
      return { kind: 'exists', query, not: false };
    }
    case 'ROW':
      if (!p.isOpAt(1, '(')) return undefined;
      p.pos += 2;
      {
        const items = parseExprList(p);
        p.expectOp(')');
        return { kind: 'row', items };
      }
    case 'INTERVAL':
      return parseIntervalPrimary(p);
    case 'DEFAULT':
      p.pos++;
      if (p.acceptOp('(')) {
        const column = parseColumnName(p);
        p.expectOp(')');
        return { kind: 'default', column };
      }
      return { kind: 'default' };
    case 'VALUES':
      if (!p.isOpAt(1, '(')) return undefined;
      p.pos += 2;
      {
        const column = parseColumnName(p);
        p.expectOp(')');
        return { kind: 'values', column };
      }
    case 'MATCH':
      return parseMatch(p);
    default:
      if (NILADIC.has(up) && !p.isOpAt(1, '(')) {
        p.pos++;
        return func(up.toLowerCase(), []);
      }
      return undefined;
  }
}

function parseColumnName(p: Parser): { kind: 'column'; db?: string; table?: string; column: string } {
  const a = p.ident();
  if (!p.acceptOp('.')) return { kind: 'column', column: a };
  const b = p.identAfterDot();
  if (!p.acceptOp('.')) return { kind: 'column', table: a, column: b };
  return { kind: 'column', db: a, table: b, column: p.identAfterDot() };
}

function parseCase(p: Parser): ExprNode {
  p.pos++;
  const operand = p.isKw('WHEN') ? undefined : parseExpr(p);
  const whens: { when: ExprNode; then: ExprNode }[] = [];
  while (p.acceptKw('WHEN')) {
    const when = parseExpr(p);
    p.expectKw('THEN');
    // biome-ignore lint/suspicious/noThenProperty: the AST field is named after SQL's THEN.
    whens.push({ when, then: parseExpr(p) });
  }
  if (whens.length === 0) p.fail();
  const elseExpr = p.acceptKw('ELSE') ? parseExpr(p) : undefined;
  p.expectKw('END');
  const node: ExprNode = { kind: 'case', whens };
  if (operand) node.operand = operand;
  if (elseExpr) node.else = elseExpr;
  return node;
}

/** `INTERVAL(n, a, b, ...)` function or `INTERVAL n unit + expr`. */
function parseIntervalPrimary(p: Parser): ExprNode {
  p.pos++;
  let amount: ExprNode;
  if (p.isOp('(')) {
    p.pos++;
    const first = parseExpr(p);
    if (p.acceptOp(',')) {
      const args = [first, ...parseExprList(p)];
      p.expectOp(')');
      return func('interval', args);
    }
    p.expectOp(')');
    amount = first;
  } else amount = parseExpr(p);
  const unit = parseIntervalUnit(p);
  p.expectOp('+');
  const date = parseBitExpr(p, 5);
  return func('date_add', [date, amount, strLit(unit)]);
}

function parseMatch(p: Parser): ExprNode {
  p.pos++;
  p.expectOp('(');
  const columns = p.list(() => parseColumnName(p));
  p.expectOp(')');
  p.expectKw('AGAINST');
  p.expectOp('(');
  const against = parseBitExpr(p, 1);
  if (p.acceptKw('IN')) {
    if (p.acceptKw('BOOLEAN')) p.expectKw('MODE');
    else {
      p.expectKw('NATURAL');
      p.expectKw('LANGUAGE');
      p.expectKw('MODE');
      if (p.acceptKw('WITH')) {
        p.expectKw('QUERY');
        p.expectKw('EXPANSION');
      }
    }
  } else if (p.acceptKw('WITH')) {
    p.expectKw('QUERY');
    p.expectKw('EXPANSION');
  }
  p.expectOp(')');
  return { kind: 'match', columns, against };
}

/** At `name (`: parses the call, its special argument syntax, and an OVER clause. */
export function parseFunctionCall(p: Parser, db: string | undefined): ExprNode {
  const nameTok = p.advance();
  if (db === undefined && nameTok.t === Tk.Ident && isReservedUpper(nameTok.up) && !CALLABLE_RESERVED.has(nameTok.up))
    p.fail(nameTok);
  const name = nameTok.text.toLowerCase();
  p.expectOp('(');
  const special = db === undefined ? parseSpecialArgs(p, name) : undefined;
  if (special) return special;
  const call: FuncCall = { kind: 'func', name, args: [] };
  if (db !== undefined) call.db = db;
  if (p.acceptKw('DISTINCT') || p.acceptKw('DISTINCTROW')) call.distinct = true;
  else p.acceptKw('ALL');
  if (name === 'count' && p.isOp('*')) {
    p.pos++;
    call.star = true;
  } else if (!p.isOp(')')) {
    call.args = parseExprList(p);
  }
  if (name === 'group_concat') {
    if (p.acceptKw('ORDER')) {
      p.expectKw('BY');
      call.orderBy = parseOrderList(p);
    }
    if (p.acceptKw('SEPARATOR')) call.separator = p.string();
  }
  p.expectOp(')');
  if (p.isKw('FROM') && (p.isKwAt(1, 'FIRST') || p.isKwAt(1, 'LAST')) && name === 'nth_value') {
    p.pos++;
    if (p.advance().up === 'LAST') call.fromLast = true;
  }
  if ((p.isKw('IGNORE') || p.isKw('RESPECT')) && p.isKwAt(1, 'NULLS')) {
    if (p.advance().up === 'IGNORE') call.ignoreNulls = true;
    p.pos++;
  }
  if (p.acceptKw('OVER')) call.over = parseWindowRef(p);
  return call;
}

/** Calls whose argument lists are not plain expression lists; undefined for ordinary calls. */
function parseSpecialArgs(p: Parser, name: string): ExprNode | undefined {
  switch (name) {
    case 'cast': {
      const expr = parseExpr(p);
      p.expectKw('AS');
      const target = parseCastType(p);
      const array = p.acceptKw('ARRAY');
      p.expectOp(')');
      return array ? { kind: 'cast', expr, target, array } : { kind: 'cast', expr, target };
    }
    case 'convert': {
      const expr = parseExpr(p);
      if (p.acceptKw('USING')) {
        const cs = p.anyWord().toLowerCase();
        p.expectOp(')');
        return func('convert_using', [expr, strLit(cs)]);
      }
      p.expectOp(',');
      const target = parseCastType(p);
      p.expectOp(')');
      return { kind: 'cast', expr, target };
    }
    case 'extract': {
      const unit = parseIntervalUnit(p);
      p.expectKw('FROM');
      const expr = parseExpr(p);
      p.expectOp(')');
      return func('extract', [strLit(unit), expr]);
    }
    case 'timestampdiff':
    case 'timestampadd': {
      const unit = parseIntervalUnit(p);
      p.expectOp(',');
      const a = parseExpr(p);
      p.expectOp(',');
      const b = parseExpr(p);
      p.expectOp(')');
      return func(name, [strLit(unit), a, b]);
    }
    case 'date_add':
    case 'date_sub':
    case 'adddate':
    case 'subdate': {
      const date = parseExpr(p);
      p.expectOp(',');
      const sub = name === 'date_sub' || name === 'subdate';
      let amount: ExprNode;
      let unit = 'DAY';
      if (p.acceptKw('INTERVAL')) {
        amount = parseExpr(p);
        unit = parseIntervalUnit(p);
      } else if (name === 'adddate' || name === 'subdate') amount = parseExpr(p);
      else return p.fail();
      p.expectOp(')');
      return func(sub ? 'date_sub' : 'date_add', [date, amount, strLit(unit)]);
    }
    case 'trim':
      return parseTrimArgs(p);
    case 'position': {
      const needle = parseBitExpr(p, 1);
      p.expectKw('IN');
      const hay = parseExpr(p);
      p.expectOp(')');
      return func('locate', [needle, hay]);
    }
    case 'substring':
    case 'substr':
    case 'mid': {
      const s = parseExpr(p);
      if (p.acceptKw('FROM')) {
        const pos = parseExpr(p);
        const args = [s, pos];
        if (p.acceptKw('FOR')) args.push(parseExpr(p));
        p.expectOp(')');
        return func('substring', args);
      }
      p.expectOp(',');
      const args = [s, ...parseExprList(p)];
      p.expectOp(')');
      return func(name, args);
    }
    case 'char': {
      const args = parseExprList(p);
      if (p.acceptKw('USING')) args.push(strLit(p.anyWord().toLowerCase()));
      p.expectOp(')');
      return func('char', args);
    }
    case 'get_format': {
      const t = p.advance();
      if (t.t !== Tk.Ident) p.fail(t);
      p.expectOp(',');
      const fmt = parseExpr(p);
      p.expectOp(')');
      return func('get_format', [strLit(t.up), fmt]);
    }
    default:
      return undefined;
  }
}

/** TRIM([BOTH|LEADING|TRAILING] [remstr] FROM s) → trim(s, remstr, direction); TRIM(s) → trim(s). */
function parseTrimArgs(p: Parser): ExprNode {
  let dir = -1;
  if (p.acceptKw('BOTH')) dir = 0;
  else if (p.acceptKw('LEADING')) dir = 1;
  else if (p.acceptKw('TRAILING')) dir = 2;
  let rem: ExprNode | undefined;
  if (dir >= 0 && p.acceptKw('FROM')) rem = strLit(' ');
  else {
    rem = parseExpr(p);
    if (!p.acceptKw('FROM')) {
      if (dir >= 0) p.fail();
      p.expectOp(')');
      return func('trim', [rem]);
    }
  }
  const s = parseExpr(p);
  p.expectOp(')');
  return func('trim', [s, rem, { kind: 'literal', type: 'int', text: String(Math.max(dir, 0)) }]);
}

/** After OVER: a window name or a parenthesized specification. */
function parseWindowRef(p: Parser): WindowSpec {
  if (!p.isOp('(')) return { ref: p.ident() };
  return parseWindowSpec(p);
}

/** `( [ref] [PARTITION BY ...] [ORDER BY ...] [frame] )`. */
export function parseWindowSpec(p: Parser): WindowSpec {
  p.expectOp('(');
  const spec: WindowSpec = {};
  if (p.isIdentTok() && !p.isKw('ROWS') && !p.isKw('RANGE')) spec.ref = p.ident();
  if (p.acceptKw('PARTITION')) {
    p.expectKw('BY');
    spec.partitionBy = parseExprList(p);
  }
  if (p.acceptKw('ORDER')) {
    p.expectKw('BY');
    spec.orderBy = parseOrderList(p);
  }
  if (p.isKw('ROWS') || p.isKw('RANGE')) {
    const unit = p.advance().up === 'ROWS' ? 'rows' : 'range';
    if (p.acceptKw('BETWEEN')) {
      const start = parseFrameBound(p);
      p.expectKw('AND');
      spec.frame = { unit, start, end: parseFrameBound(p) };
    } else spec.frame = { unit, start: parseFrameBound(p) };
  }
  p.expectOp(')');
  return spec;
}

function parseFrameBound(p: Parser): WindowFrameBound {
  if (p.acceptKw('UNBOUNDED')) {
    if (p.acceptKw('PRECEDING')) return { type: 'unboundedPreceding' };
    p.expectKw('FOLLOWING');
    return { type: 'unboundedFollowing' };
  }
  if (p.acceptKw('CURRENT')) {
    p.expectKw('ROW');
    return { type: 'currentRow' };
  }
  let value: ExprNode;
  let unit: string | undefined;
  if (p.acceptKw('INTERVAL')) {
    value = parseExpr(p);
    unit = parseIntervalUnit(p);
  } else value = parseBitExpr(p, 1);
  let type: 'preceding' | 'following';
  if (p.acceptKw('PRECEDING')) type = 'preceding';
  else {
    p.expectKw('FOLLOWING');
    type = 'following';
  }
  return unit ? { type, value, unit } : { type, value };
}
