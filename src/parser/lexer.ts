// Tokenizer for MySQL/TiDB SQL. Scans with charCodeAt and produces the whole token array of a script at once;
// executable comments (`/*! ... */`, `/*T! ... */`) contribute their content, optimizer hints right after
// SELECT/INSERT/UPDATE/DELETE/REPLACE become Hint tokens, other comments vanish.

import { ParseError } from './errors.js';

export const Tk = {
  Eof: 0,
  /** Bare word: identifier or keyword (`up` is its upper-case form). */
  Ident: 1,
  /** Backquoted identifier (`text` is the unescaped name). */
  QIdent: 2,
  String: 3,
  Number: 4,
  Hex: 5,
  Bit: 6,
  Param: 7,
  UserVar: 8,
  SysVar: 9,
  Op: 10,
  Hint: 11,
} as const;

export interface Token {
  t: number;
  /** Ident: source; QIdent/String/UserVar/SysVar: decoded name or value; Number: source; Hex/Bit: byte string. */
  text: string;
  /** Upper-case text for Ident tokens, the operator for Op tokens, '' otherwise. */
  up: string;
  start: number;
  end: number;
  /** Number kind: 'int' | 'decimal' | 'float'. */
  numKind?: 'int' | 'decimal' | 'float';
  /** SysVar scope. */
  scope?: 'global' | 'session';
  /** String token written with double quotes (an alias or SET value may be either). */
  dquote?: boolean;
}

const HINT_HOSTS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE']);
/** MySQL version this parser emulates for versioned comments `/*!NNNNN ... *\/`. */
const SERVER_VERSION = 80099;

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 0x80;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

/** Decodes hex digits into a byte string (one char per byte); odd lengths get a leading zero nibble. */
export function hexToBytes(hex: string): string {
  if (hex.length % 2 === 1) hex = '0' + hex;
  let out = '';
  for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** Decodes binary digits into a byte string, right-aligned. */
export function bitsToBytes(bits: string): string {
  if (bits.length === 0) return '';
  const pad = (8 - (bits.length % 8)) % 8;
  bits = '0'.repeat(pad) + bits;
  let out = '';
  for (let i = 0; i < bits.length; i += 8) out += String.fromCharCode(Number.parseInt(bits.slice(i, i + 8), 2));
  return out;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
};

export function tokenize(sql: string): Token[] {
  const toks: Token[] = [];
  const n = sql.length;
  let i = 0;
  let execDepth = 0;

  const push = (t: number, text: string, up: string, start: number, end: number): Token => {
    const tok: Token = { t, text, up, start, end };
    toks.push(tok);
    return tok;
  };
  const fail = (start: number): never => {
    throw new ParseError(sql, start, sql.length);
  };

  // Scans a quoted string or identifier starting at the opening quote; returns the decoded value.
  const scanQuoted = (q: number, backslash: boolean): string => {
    const start = i;
    i++;
    let out = '';
    let segStart = i;
    for (;;) {
      if (i >= n) fail(start);
      const c = sql.charCodeAt(i);
      if (c === q) {
        if (i + 1 < n && sql.charCodeAt(i + 1) === q) {
          out += sql.slice(segStart, i + 1);
          i += 2;
          segStart = i;
          continue;
        }
        out += sql.slice(segStart, i);
        i++;
        return out;
      }
      if (c === 92 && backslash) {
        out += sql.slice(segStart, i);
        if (i + 1 >= n) fail(start);
        const e = sql[i + 1];
        if (e === '%' || e === '_') out += '\\' + e;
        else out += ESCAPES[e] ?? e;
        i += 2;
        segStart = i;
        continue;
      }
      i++;
    }
  };

  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    // Comments.
    if (c === 35 || (c === 45 && sql.charCodeAt(i + 1) === 45 && (i + 2 >= n || sql.charCodeAt(i + 2) <= 32))) {
      while (i < n && sql.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      const c2 = sql.charCodeAt(i + 2);
      if (c2 === 33 || (c2 === 84 && sql.charCodeAt(i + 3) === 33)) {
        // Executable comment: skip the marker, a version number or TiDB feature ids, then lex the content.
        let j = i + (c2 === 33 ? 3 : 4);
        let v = 0;
        let digits = 0;
        while (j < n && isDigit(sql.charCodeAt(j))) {
          v = v * 10 + sql.charCodeAt(j) - 48;
          digits++;
          j++;
        }
        if (c2 === 84 && sql.charCodeAt(j) === 91) {
          const close = sql.indexOf(']', j);
          if (close >= 0) j = close + 1;
        }
        if (digits === 0 || v <= SERVER_VERSION) {
          execDepth++;
          i = j;
          continue;
        }
      }
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) fail(start);
      const last = toks.length > 0 ? toks[toks.length - 1] : undefined;
      if (c2 === 43 && last && last.t === Tk.Ident && HINT_HOSTS.has(last.up)) {
        push(Tk.Hint, sql.slice(i + 3, end), '', start, end + 2);
      }
      i = end + 2;
      continue;
    }
    if (c === 42 && execDepth > 0 && sql.charCodeAt(i + 1) === 47) {
      execDepth--;
      i += 2;
      continue;
    }
    // Strings.
    if (c === 39 || c === 34) {
      const text = scanQuoted(c, true);
      const tok = push(Tk.String, text, '', start, i);
      if (c === 34) tok.dquote = true;
      continue;
    }
    if (c === 96) {
      push(Tk.QIdent, scanQuoted(96, false), '', start, i);
      continue;
    }
    // Hex / bit string literals x'..' and b'..', national strings N'..'.
    if ((c === 120 || c === 88 || c === 98 || c === 66) && sql.charCodeAt(i + 1) === 39) {
      const close = sql.indexOf("'", i + 2);
      if (close < 0) fail(start);
      const body = sql.slice(i + 2, close);
      const hex = c === 120 || c === 88;
      for (let k = 0; k < body.length; k++) {
        const d = body.charCodeAt(k);
        if (hex ? !isHexDigit(d) : d !== 48 && d !== 49) fail(start);
      }
      if (hex && body.length % 2 === 1) fail(start);
      i = close + 1;
      push(hex ? Tk.Hex : Tk.Bit, hex ? hexToBytes(body) : bitsToBytes(body), '', start, i);
      continue;
    }
    if ((c === 110 || c === 78) && sql.charCodeAt(i + 1) === 39) {
      i++;
      const text = scanQuoted(39, true);
      push(Tk.String, text, '', start, i);
      continue;
    }
    // Numbers (and identifiers that start with digits).
    const prev = toks.length > 0 ? toks[toks.length - 1] : undefined;
    const dotNumber =
      c === 46 && isDigit(sql.charCodeAt(i + 1)) && !(prev && (prev.t === Tk.Ident || prev.t === Tk.QIdent));
    if (isDigit(c) || dotNumber) {
      if (c === 48 && (sql.charCodeAt(i + 1) === 120 || sql.charCodeAt(i + 1) === 98)) {
        const hex = sql.charCodeAt(i + 1) === 120;
        let j = i + 2;
        while (j < n && (hex ? isHexDigit(sql.charCodeAt(j)) : sql.charCodeAt(j) === 48 || sql.charCodeAt(j) === 49))
          j++;
        if (j > i + 2 && !(j < n && isIdentChar(sql.charCodeAt(j)))) {
          const body = sql.slice(i + 2, j);
          i = j;
          push(hex ? Tk.Hex : Tk.Bit, hex ? hexToBytes(body) : bitsToBytes(body), '', start, i);
          continue;
        }
      }
      let j = i;
      while (j < n && isDigit(sql.charCodeAt(j))) j++;
      let kind: 'int' | 'decimal' | 'float' = 'int';
      if (sql.charCodeAt(j) === 46) {
        kind = 'decimal';
        j++;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
      }
      const e = sql.charCodeAt(j);
      if (e === 101 || e === 69) {
        let k = j + 1;
        const s = sql.charCodeAt(k);
        if (s === 43 || s === 45) k++;
        if (isDigit(sql.charCodeAt(k))) {
          while (k < n && isDigit(sql.charCodeAt(k))) k++;
          j = k;
          kind = 'float';
        }
      }
      if (kind === 'int' && j < n && isIdentChar(sql.charCodeAt(j))) {
        while (j < n && isIdentChar(sql.charCodeAt(j))) j++;
        const word = sql.slice(i, j);
        i = j;
        push(Tk.Ident, word, word.toUpperCase(), start, i);
        continue;
      }
      i = j;
      const tok = push(Tk.Number, sql.slice(start, i), '', start, i);
      tok.numKind = kind;
      continue;
    }
    if (isIdentChar(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(sql.charCodeAt(j))) j++;
      const word = sql.slice(i, j);
      i = j;
      push(Tk.Ident, word, word.toUpperCase(), start, i);
      continue;
    }
    if (c === 63) {
      i++;
      push(Tk.Param, '?', '?', start, i);
      continue;
    }
    if (c === 64) {
      if (sql.charCodeAt(i + 1) === 64) {
        i += 2;
        let scope: 'global' | 'session' | undefined;
        let name = readVarName(false);
        const lower = name.toLowerCase();
        if ((lower === 'global' || lower === 'session' || lower === 'local') && sql.charCodeAt(i) === 46) {
          scope = lower === 'global' ? 'global' : 'session';
          i++;
          name = readVarName(false);
        }
        if (name === '') fail(start);
        const tok = push(Tk.SysVar, name, '', start, i);
        tok.scope = scope;
        continue;
      }
      i++;
      const name = readVarName(true);
      push(Tk.UserVar, name, '', start, i);
      continue;
    }
    // Operators.
    const op = readOperator(sql, i);
    if (op === '') fail(start);
    i += op.length;
    push(Tk.Op, op, op, start, i);
  }
  const eof = push(Tk.Eof, '', '', n, n);
  eof.up = '';
  return toks;

  function readVarName(allowDot: boolean): string {
    const q = sql.charCodeAt(i);
    if (q === 39 || q === 34 || q === 96) return scanQuoted(q, q !== 96);
    const s = i;
    while (i < n && (isIdentChar(sql.charCodeAt(i)) || (allowDot && sql.charCodeAt(i) === 46))) {
      // A dot continues a user variable name only when an identifier char follows (`@a.b`).
      if (sql.charCodeAt(i) === 46 && !(i + 1 < n && isIdentChar(sql.charCodeAt(i + 1)))) break;
      i++;
    }
    return sql.slice(s, i);
  }
}

function readOperator(sql: string, i: number): string {
  const c = sql[i];
  const c1 = sql[i + 1];
  switch (c) {
    case '<':
      if (c1 === '=') return sql[i + 2] === '>' ? '<=>' : '<=';
      if (c1 === '>') return '<>';
      if (c1 === '<') return '<<';
      return '<';
    case '>':
      if (c1 === '=') return '>=';
      if (c1 === '>') return '>>';
      return '>';
    case '!':
      return c1 === '=' ? '!=' : '!';
    case ':':
      return c1 === '=' ? ':=' : '';
    case '|':
      return c1 === '|' ? '||' : '|';
    case '&':
      return c1 === '&' ? '&&' : '&';
    case '-':
      if (c1 === '>') return sql[i + 2] === '>' ? '->>' : '->';
      return '-';
    case '(':
    case ')':
    case ',':
    case ';':
    case '.':
    case '+':
    case '*':
    case '/':
    case '%':
    case '=':
    case '~':
    case '^':
    case '{':
    case '}':
      return c;
    default:
      return '';
  }
}
