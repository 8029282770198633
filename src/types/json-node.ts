// The tree under a JsonValue: parsing, MySQL's text format, and MySQL's ordering of JSON values.
// Integers are bigint (so INTEGER 1 and DOUBLE 1.0 stay distinct), doubles are number, and
// objects are Maps kept in MySQL's key order (shorter keys first, then by bytes).
import { ER, sqlError } from '../errors/index.js';
import { compareUtf8 } from './collation.js';
import { Decimal } from './decimal.js';
import { formatReal } from './real-format.js';

export type JsonObject = Map<string, JsonNode>;

/** Marks JsonValue instances so nodeFromJs can unwrap them without importing the class. */
export const JSON_VALUE_BRAND: unique symbol = Symbol('JsonValue');
export type JsonNode = null | boolean | number | bigint | string | Decimal | JsonNode[] | JsonObject;

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;

/** MySQL orders object keys by UTF-8 length, then bytewise. */
export function compareKeys(a: string, b: string): number {
  const la = Buffer.byteLength(a, 'utf8');
  const lb = Buffer.byteLength(b, 'utf8');
  return la !== lb ? la - lb : compareUtf8(a, b);
}

/** A Map with its keys in MySQL order. */
export function sortedObject(entries: Iterable<[string, JsonNode]>): JsonObject {
  const m = new Map<string, JsonNode>();
  for (const [k, v] of entries) m.set(k, v);
  return new Map([...m.entries()].sort((x, y) => compareKeys(x[0], y[0])));
}

export function isObject(n: JsonNode): n is JsonObject {
  return n instanceof Map;
}

export type JsonTypeName =
  | 'INTEGER'
  | 'UNSIGNED INTEGER'
  | 'DOUBLE'
  | 'DECIMAL'
  | 'STRING'
  | 'OBJECT'
  | 'ARRAY'
  | 'BOOLEAN'
  | 'NULL';

export function nodeTypeName(n: JsonNode): JsonTypeName {
  if (n === null) return 'NULL';
  switch (typeof n) {
    case 'boolean':
      return 'BOOLEAN';
    case 'number':
      return 'DOUBLE';
    case 'bigint':
      return n > INT64_MAX ? 'UNSIGNED INTEGER' : 'INTEGER';
    case 'string':
      return 'STRING';
  }
  if (n instanceof Decimal) return 'DECIMAL';
  return Array.isArray(n) ? 'ARRAY' : 'OBJECT';
}

// ---- text format ----

function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20) out += s[i];
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** A JSON double as MySQL prints it: like a DOUBLE, with '.0' on integral values. */
function formatJsonDouble(x: number): string {
  const s = formatReal(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

export function formatNode(n: JsonNode): string {
  if (n === null) return 'null';
  switch (typeof n) {
    case 'boolean':
      return n ? 'true' : 'false';
    case 'number':
      return formatJsonDouble(n);
    case 'bigint':
      return n.toString();
    case 'string':
      return quoteString(n);
  }
  if (n instanceof Decimal) return n.toString();
  if (Array.isArray(n)) return `[${n.map(formatNode).join(', ')}]`;
  const parts: string[] = [];
  for (const [k, v] of n) parts.push(`${quoteString(k)}: ${formatNode(v)}`);
  return `{${parts.join(', ')}}`;
}

// ---- parsing ----

/** Why a text is not JSON, in MySQL's (RapidJSON's) words, and where. */
export interface JsonSyntaxError {
  reason: string;
  position: number;
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(reason: string, at = this.pos): never {
    throw { reason, position: at } satisfies JsonSyntaxError;
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }

  document(): JsonNode {
    this.skipSpace();
    if (this.pos >= this.text.length) this.fail('The document is empty.');
    const v = this.value(0);
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('The document root must not be followed by other values.');
    return v;
  }

  value(depth: number): JsonNode {
    if (depth > 100) this.fail('The JSON document exceeds the maximum depth of 100.');
    const t = this.text;
    const c = t[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    return this.fail('Invalid value.');
  }

  object(depth: number): JsonObject {
    this.pos++;
    const entries: [string, JsonNode][] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return new Map();
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail('Missing a name for object member.');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('Missing a colon after a name of object member.');
      this.pos++;
      this.skipSpace();
      entries.push([key, this.value(depth + 1)]);
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        // A repeated key keeps its last value (MySQL 8.0.3 and later).
        return sortedObject(entries);
      }
      if (c !== ',') this.fail("Missing a comma or '}' after an object member.");
      this.pos++;
      this.skipSpace();
    }
  }

  array(depth: number): JsonNode[] {
    this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ']') {
        this.pos++;
        return items;
      }
      if (c !== ',') this.fail("Missing a comma or ']' after an array element.");
      this.pos++;
      this.skipSpace();
    }
  }

  string(): string {
    const t = this.text;
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= t.length) this.fail('Missing a closing quotation mark in string.', start);
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail('Invalid encoding in string.');
      if (c !== 0x5c) {
        out += t[this.pos++];
        continue;
      }
      const e = t[this.pos + 1];
      const simple = e === undefined ? undefined : ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        this.pos += 2;
        continue;
      }
      if (e !== 'u') this.fail('Invalid escape character in string.');
      const hex = t.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Incorrect hex digit after \\u escape in string.');
      out += String.fromCharCode(Number.parseInt(hex, 16));
      this.pos += 6;
    }
  }

  number(): JsonNode {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) return this.fail('Invalid value.');
    const start = this.pos;
    this.pos += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const v = BigInt(m[0]);
      if (v >= INT64_MIN && v <= UINT64_MAX) return v;
    }
    const x = Number(m[0]);
    if (!Number.isFinite(x)) this.fail('Number too big to be stored in double.', start);
    return x;
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Parses JSON text; a syntax error comes back as a JsonSyntaxError instead of a node. */
export function tryParseNode(text: string): { node: JsonNode } | { error: JsonSyntaxError } {
  try {
    return { node: new Parser(text).document() };
  } catch (e) {
    if (e && typeof e === 'object' && 'reason' in e) return { error: e as JsonSyntaxError };
    throw e;
  }
}

export function parseNode(text: string): JsonNode {
  const r = tryParseNode(text);
  if ('error' in r) throw sqlError(ER.INVALID_JSON_TEXT, `"${r.error.reason}" at position ${r.error.position}.`);
  return r.node;
}

/** Builds a node from a plain JS value; safe-integer numbers become JSON integers. */
export function nodeFromJs(v: unknown): JsonNode {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean':
    case 'string':
    case 'bigint':
      return v;
    case 'number':
      return Number.isSafeInteger(v) ? BigInt(v) : v;
  }
  if (v instanceof Decimal) return v;
  if (Array.isArray(v)) return v.map(nodeFromJs);
  if (v instanceof Map) return sortedObject([...v.entries()].map(([k, x]) => [String(k), nodeFromJs(x)]));
  if (typeof v === 'object' && JSON_VALUE_BRAND in v) return (v as unknown as { node: JsonNode }).node;
  return sortedObject(Object.entries(v as object).map(([k, x]) => [k, nodeFromJs(x)]));
}

// ---- ordering ----

// MySQL's precedence among JSON types (higher sorts after lower); all numbers share one rank.
function rank(n: JsonNode): number {
  if (n === null) return 0;
  switch (typeof n) {
    case 'number':
    case 'bigint':
      return 1;
    case 'string':
      return 2;
    case 'boolean':
      return 5;
  }
  if (n instanceof Decimal) return 1;
  return Array.isArray(n) ? 4 : 3;
}

function compareNumbers(a: number | bigint | Decimal, b: number | bigint | Decimal): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return toExact(a).compare(toExact(b));
}

// Doubles take their shortest decimal form, as MySQL converts a double to DECIMAL for comparison.
function toExact(x: number | bigint | Decimal): Decimal {
  if (x instanceof Decimal) return x;
  if (typeof x === 'bigint') return Decimal.fromInt(x);
  return Decimal.fromNumber(x);
}

export function compareNodes(a: JsonNode, b: JsonNode): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return compareNumbers(a as number | bigint | Decimal, b as number | bigint | Decimal);
    case 2:
      return compareUtf8(a as string, b as string);
    case 5:
      return (a ? 1 : 0) - (b ? 1 : 0);
    case 4: {
      const x = a as JsonNode[];
      const y = b as JsonNode[];
      for (let i = 0; i < x.length && i < y.length; i++) {
        const c = compareNodes(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
  }
  // Objects: equal when keys and values are; otherwise a stable but unspecified order.
  const x = a as JsonObject;
  const y = b as JsonObject;
  if (x.size !== y.size) return x.size - y.size;
  const kx = [...x.keys()];
  const ky = [...y.keys()];
  for (let i = 0; i < kx.length; i++) {
    const c = compareKeys(kx[i]!, ky[i]!);
    if (c !== 0) return c;
  }
  for (const k of kx) {
    const c = compareNodes(x.get(k)!, y.get(k)!);
    if (c !== 0) return c;
  }
  return 0;
}

/** A string that is equal for nodes comparing equal (1 and 1.0 included). */
export function nodeHashKey(n: JsonNode): string {
  if (n === null || typeof n === 'boolean' || typeof n === 'string') return formatNode(n);
  if (typeof n === 'bigint') return `#${n}`;
  if (typeof n === 'number') return `#${toExact(n).hashKey()}`;
  if (n instanceof Decimal) return `#${n.hashKey()}`;
  if (Array.isArray(n)) return `[${n.map(nodeHashKey).join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of n) parts.push(`${quoteString(k)}:${nodeHashKey(v)}`);
  return `{${parts.join(',')}}`;
}
