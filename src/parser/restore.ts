// Renders expressions back to SQL the way SHOW CREATE TABLE / information_schema print them: backquoted
// identifiers, lower-case keywords and function names, parentheses only where precedence needs them.

import type { ExprNode, FuncCall, Literal, OrderItem, TypeSpec, WindowSpec } from './ast.js';

export function quoteIdent(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

export function quoteString(s: string): string {
  let out = "'";
  for (const ch of s) {
    if (ch === "'") out += "''";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\0') out += '\\0';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\x1a') out += '\\Z';
    else out += ch;
  }
  return out + "'";
}

function bytesToHex(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += bytes.charCodeAt(i).toString(16).padStart(2, '0').toUpperCase();
  return out;
}

/** Binding strength of a node, for deciding on parentheses (higher binds tighter). */
function precedence(e: ExprNode): number {
  switch (e.kind) {
    case 'assign':
      return 1;
    case 'binary':
      switch (e.op) {
        case 'or':
        case '||':
          return 2;
        case 'xor':
          return 3;
        case 'and':
          return 4;
        case '=':
        case '<=>':
        case '!=':
        case '<':
        case '<=':
        case '>':
        case '>=':
          return 7;
        case '|':
          return 8;
        case '&':
          return 9;
        case '<<':
        case '>>':
          return 10;
        case '+':
        case '-':
          return 11;
        case '*':
        case '/':
        case 'div':
        case '%':
          return 12;
        case '^':
          return 13;
      }
      return 0;
    case 'unary':
      return e.op === 'not' ? 5 : 14;
    case 'between':
    case 'in':
    case 'like':
    case 'regexp':
    case 'is':
    case 'quantified':
      return 7;
    case 'collate':
      return 15;
    default:
      return 16;
  }
}

function wrap(e: ExprNode, minPrec: number): string {
  const s = exprToString(e);
  return precedence(e) < minPrec ? `(${s})` : s;
}

export function exprToString(e: ExprNode): string {
  switch (e.kind) {
    case 'literal':
      return literalToString(e);
    case 'param':
      return '?';
    case 'column':
      return (e.db ? quoteIdent(e.db) + '.' : '') + (e.table ? quoteIdent(e.table) + '.' : '') + quoteIdent(e.column);
    case 'unary': {
      const prec = precedence(e);
      if (e.op === 'not') return `not ${wrap(e.operand, prec)}`;
      if (e.op === 'binary') return `binary ${wrap(e.operand, prec)}`;
      return `${e.op}${wrap(e.operand, prec)}`;
    }
    case 'binary': {
      const prec = precedence(e);
      return `${wrap(e.left, prec)} ${e.op} ${wrap(e.right, prec + 1)}`;
    }
    case 'is':
      return `${wrap(e.expr, 7)} is ${e.not ? 'not ' : ''}${e.value}`;
    case 'in': {
      const list = e.list ? e.list.map(exprToString).join(', ') : '(subquery)';
      return `${wrap(e.expr, 8)} ${e.not ? 'not in' : 'in'} (${list})`;
    }
    case 'between':
      return `${wrap(e.expr, 8)} ${e.not ? 'not between' : 'between'} ${wrap(e.low, 8)} and ${wrap(e.high, 8)}`;
    case 'like':
      return (
        `${wrap(e.expr, 8)} ${e.not ? 'not like' : 'like'} ${wrap(e.pattern, 8)}` +
        (e.escape ? ` escape ${exprToString(e.escape)}` : '')
      );
    case 'regexp':
      return `${wrap(e.expr, 8)} ${e.not ? 'not regexp' : 'regexp'} ${wrap(e.pattern, 8)}`;
    case 'func':
      return funcToString(e);
    case 'cast':
      return `cast(${exprToString(e.expr)} as ${typeToString(e.target)})`;
    case 'case': {
      let s = 'case';
      if (e.operand) s += ` ${exprToString(e.operand)}`;
      for (const w of e.whens) s += ` when ${exprToString(w.when)} then ${exprToString(w.then)}`;
      if (e.else) s += ` else ${exprToString(e.else)}`;
      return s + ' end';
    }
    case 'subquery':
      return '(subquery)';
    case 'exists':
      return `${e.not ? 'not ' : ''}exists (subquery)`;
    case 'quantified':
      return `${wrap(e.left, 8)} ${e.op} ${e.quantifier} (subquery)`;
    case 'row':
      return `row(${e.items.map(exprToString).join(', ')})`;
    case 'variable':
      return e.system ? `@@${e.scope ? e.scope + '.' : ''}${e.name}` : `@${e.name}`;
    case 'assign':
      return `@${e.name} := ${exprToString(e.value)}`;
    case 'default':
      return e.column ? `default(${exprToString(e.column)})` : 'default';
    case 'values':
      return `values(${exprToString(e.column)})`;
    case 'collate':
      return `${wrap(e.expr, 15)} collate ${e.collation}`;
    case 'match':
      return `match (${e.columns.map(exprToString).join(', ')}) against (${exprToString(e.against)})`;
  }
}

function literalToString(e: Literal): string {
  switch (e.type) {
    case 'null':
      return 'NULL';
    case 'bool':
      return e.text.toUpperCase();
    case 'string':
      return (e.charset ? `_${e.charset}` : '') + quoteString(e.text);
    case 'hexString':
      return (e.charset ? `_${e.charset}` : '') + `x'${bytesToHex(e.text)}'`;
    case 'bitString': {
      let bits = '';
      for (let i = 0; i < e.text.length; i++) bits += e.text.charCodeAt(i).toString(2).padStart(8, '0');
      return `b'${bits}'`;
    }
    case 'date':
    case 'time':
    case 'timestamp':
      return `${e.type} ${quoteString(e.text)}`;
    default:
      return e.text;
  }
}

function unitOf(e: ExprNode): string {
  return e.kind === 'literal' ? e.text.toLowerCase() : exprToString(e);
}

function funcToString(f: FuncCall): string {
  const a = f.args;
  const name = (f.db ? quoteIdent(f.db) + '.' : '') + f.name;
  let body: string;
  if ((f.name === 'date_add' || f.name === 'date_sub') && a.length === 3) {
    body = `${exprToString(a[0])}, interval ${exprToString(a[1])} ${unitOf(a[2])}`;
  } else if (f.name === 'extract' && a.length === 2) {
    body = `${unitOf(a[0])} from ${exprToString(a[1])}`;
  } else if ((f.name === 'timestampdiff' || f.name === 'timestampadd') && a.length === 3) {
    body = `${unitOf(a[0])}, ${exprToString(a[1])}, ${exprToString(a[2])}`;
  } else if (f.name === 'trim' && a.length === 3) {
    const dir = a[2].kind === 'literal' ? ['both', 'leading', 'trailing'][Number(a[2].text)] : 'both';
    body = `${dir} ${exprToString(a[1])} from ${exprToString(a[0])}`;
  } else if (f.name === 'convert_using' && a.length === 2) {
    return `convert(${exprToString(a[0])} using ${unitOf(a[1])})`;
  } else if (f.star) {
    body = '*';
  } else {
    body = a.map(exprToString).join(', ');
  }
  if (f.distinct) body = `distinct ${body}`;
  if (f.orderBy) body += ` order by ${orderToString(f.orderBy)}`;
  if (f.separator !== undefined) body += ` separator ${quoteString(f.separator)}`;
  let s = `${name}(${body})`;
  if (f.over) s += ` over ${windowToString(f.over)}`;
  return s;
}

function orderToString(items: OrderItem[]): string {
  return items.map((o) => exprToString(o.expr) + (o.desc ? ' desc' : '')).join(', ');
}

function windowToString(w: WindowSpec): string {
  const parts: string[] = [];
  if (w.ref && !w.partitionBy && !w.orderBy && !w.frame) return quoteIdent(w.ref);
  if (w.ref) parts.push(quoteIdent(w.ref));
  if (w.partitionBy) parts.push(`partition by ${w.partitionBy.map(exprToString).join(', ')}`);
  if (w.orderBy) parts.push(`order by ${orderToString(w.orderBy)}`);
  if (w.frame) {
    const bound = (b: NonNullable<WindowSpec['frame']>['start']): string => {
      switch (b.type) {
        case 'unboundedPreceding':
          return 'unbounded preceding';
        case 'unboundedFollowing':
          return 'unbounded following';
        case 'currentRow':
          return 'current row';
        default: {
          const v = b.value ? exprToString(b.value) : '';
          const amount = b.unit ? `interval ${v} ${b.unit.toLowerCase()}` : v;
          return `${amount} ${b.type}`;
        }
      }
    };
    const f = w.frame;
    parts.push(f.end ? `${f.unit} between ${bound(f.start)} and ${bound(f.end)}` : `${f.unit} ${bound(f.start)}`);
  }
  return `(${parts.join(' ')})`;
}

/** A type as written in CAST targets and column definitions, lower-case. */
export function typeToString(t: TypeSpec): string {
  let s = t.name.toLowerCase();
  if (t.elems) s += `(${t.elems.map(quoteString).join(',')})`;
  else if (t.length !== undefined) s += t.decimals !== undefined ? `(${t.length},${t.decimals})` : `(${t.length})`;
  if (t.unsigned && t.name !== 'UNSIGNED') s += ' unsigned';
  if (t.zerofill) s += ' zerofill';
  if (t.charset) s += ` charset ${t.charset}`;
  if (t.collate) s += ` collate ${t.collate}`;
  return s;
}
