// Rendering of query results the way the test corpora print them: sqllogictest values (I/R/T, md5 hashing,
// sort modes) and mysqltest tab-separated blocks. Pure functions, shared by the runners and their unit tests.
import * as nodeCrypto from 'node:crypto';
import { briefOperatorId } from '../planner/explain-format.js';

export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

/** A cell as a text-protocol row delivers it; anything else is stringified. */
export type Cell = unknown;

/** The text of a cell: null/undefined become SQL NULL (null), everything else its string form. */
export function cellText(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return String(v);
}

/**
 * Parses the longest numeric prefix of a string the way MySQL converts strings to numbers
 * ('12abc' → 12, 'abc' → 0, ' 1e2' → 100).
 */
export function numericPrefix(s: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s);
  return m ? Number(m[0]) : 0;
}

/**
 * `x` with three decimals as C's printf("%.3f") prints it: the exact binary value rounded half to even.
 * toFixed picks the larger candidate on an exact tie; ties at the 4th decimal happen only when x*16 is an
 * odd integer (x = k/2000 must be dyadic), so those are corrected by hand.
 */
export function formatReal3(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  let s: string;
  if (Number.isInteger(x * 16) && !Number.isInteger(x * 8) && Math.abs(x) < 2 ** 49) {
    // Exact tie: round the integer part of x*1000 to even.
    const scaled = x * 1000; // exact: x*16 is an integer below 2^53, x*1000 = (x*16)*62.5 is a half-integer
    const lo = Math.floor(scaled);
    const pick = lo % 2 === 0 ? lo : lo + 1;
    const neg = pick < 0;
    const abs = Math.abs(pick);
    s = `${neg ? '-' : ''}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
  } else {
    s = x.toFixed(3);
  }
  return s;
}

/** Replaces control characters by '@', as sqllogictest does for text results (keeps one value per line). */
function printable(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, '@');
}

/**
 * One result value as sqllogictest prints it for a column of type `type`:
 * I → integer (numeric text truncated toward zero, non-numeric text → 0), R → %.3f, T → text
 * ('' → '(empty)', control characters → '@'); NULL → 'NULL' for every type.
 */
export function formatSltValue(type: string, v: Cell): string {
  const text = cellText(v);
  if (text === null) return 'NULL';
  switch (type) {
    case 'I': {
      if (isCanonicalInteger(text)) return text;
      if (/^\s*[+-]?\d+\s*$/.test(text)) return BigInt(text.trim()).toString();
      const n = Math.trunc(numericPrefix(text));
      return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
    }
    case 'R':
      return formatReal3(numericPrefix(text));
    default:
      return text === '' ? '(empty)' : printable(text);
  }
}

/** Whether `s` is already an integer as sqllogictest prints it: optional '-', digits, no leading zero, not -0. */
function isCanonicalInteger(s: string): boolean {
  const neg = s.charCodeAt(0) === 45;
  const start = neg ? 1 : 0;
  const n = s.length - start;
  if (n < 1 || n > 15) return false;
  const first = s.charCodeAt(start);
  if (first === 48) return n === 1 && !neg;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Formats every cell of every row per the column types; columns beyond `types` are formatted as T. */
export function formatSltRows(types: string, rows: readonly (readonly Cell[])[]): string[][] {
  return rows.map((row) => row.map((v, i) => formatSltValue(types[i] ?? 'T', v)));
}

/** Byte-wise comparison of strings (as C's strcmp on UTF-8), not locale order. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates, UTF-16 code unit order is UTF-8 byte order; encode only the rare rest.
    if (x < 0xd800 && y < 0xd800) return x - y;
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  }
  return a.length - b.length;
}

const SURROGATE_OR_ABOVE = /[\ud800-\uffff]/;
/** Joins a row's values for sorting: below every character a formatted value can hold (control characters print as '@'). */
const ROW_SEPARATOR = '\x00';

/** The flat list of values of a result after applying a sort mode. */
export function sortSltValues(rows: readonly (readonly string[])[], mode: SortMode): string[] {
  const values = flatten(rows);
  if (mode === 'nosort') return values;
  if (values.some((v) => SURROGATE_OR_ABOVE.test(v))) return sortByBytes(rows, mode, values);
  // Without surrogates, UTF-16 order (the default sort) is UTF-8 byte order.
  if (mode === 'valuesort' || rows[0]?.length === 1) return values.sort();
  const keys = rows.map((r) => r.join(ROW_SEPARATOR)).sort();
  const out: string[] = [];
  for (const k of keys) for (const v of k.split(ROW_SEPARATOR)) out.push(v);
  return out;
}

function sortByBytes(rows: readonly (readonly string[])[], mode: SortMode, values: string[]): string[] {
  if (mode === 'valuesort') return values.sort(compareBytes);
  const sorted = [...rows].sort((a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareBytes(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  });
  return flatten(sorted);
}

/** rows.flat(), without its generic (slow) path. */
function flatten(rows: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const row of rows) for (const v of row) out.push(v);
  return out;
}

/** Node's one-shot digest (20.12+): no Hash object per call, which costs as much as hashing a short text. */
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string) => string }).hash;

/** md5 of the values, each followed by a newline: the sqllogictest result hash. */
export function hashSltValues(values: readonly string[]): string {
  const text = values.length > 0 ? `${values.join('\n')}\n` : '';
  return oneShotHash ? oneShotHash('md5', text) : nodeCrypto.createHash('md5').update(text).digest('hex');
}

/** The summary line sqllogictest writes for a hashed result. */
export function hashLine(values: readonly string[]): string {
  return `${values.length} values hashing to ${hashSltValues(values)}`;
}

// ---- mysqltest rendering ----

/** A result row rendered as mysqltest does: tab-separated, NULL for SQL NULL. */
export function renderTabRow(row: readonly Cell[]): string {
  return row.map((v) => cellText(v) ?? 'NULL').join('\t');
}

/** Sorts rows by their cells byte-wise, column by column (mysqltest --sorted_result). */
export function sortTextRows(rows: (string | null)[][]): (string | null)[][] {
  return [...rows].sort((a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      // NULL is a nil byte slice: it sorts before every string, equal to ''
      const c = compareBytes(a[i] ?? '', b[i] ?? '');
      if (c !== 0) return c;
    }
    return a.length - b.length;
  });
}

/** The line mysqltest writes for an error: `Error <code> (<sqlstate>): <message>`. */
export function errorLine(code: number, sqlState: string, message: string): string {
  return `Error ${code} (${sqlState}): ${message}`;
}

/** An EXPLAIN operator id without its numeric suffix, as EXPLAIN FORMAT = 'brief' prints it. */
export const stripOperatorId = briefOperatorId;
