// Storing a value into a column (INSERT, UPDATE, LOAD): MySQL's per-type checks, with errors in
// strict statements and clamped or truncated values plus warnings otherwise.
import { ER, type ErrorSpec, sqlError, warningFrom } from '../errors/index.js';
import type { TypeContext } from './context.js';
import { convertTemporalForColumn } from './convert-temporal.js';
import {
  INT64_MIN,
  limitDecimal,
  parseNumericPrefix,
  toDecimal,
  toReal,
  toStringValue,
  truncationProblem,
  UINT64_MAX,
} from './convert.js';
import { Decimal } from './decimal.js';
import {
  defaultFlen,
  type FieldType,
  intRange,
  isBinaryString,
  isBlobType,
  isTemporalType,
  isUnsigned,
  TypeCode,
  UNSPECIFIED,
} from './field-type.js';
import { JsonValue } from './json.js';
import { Duration, MyTime } from './time.js';
import { normalizeInt, type Value } from './value.js';

/** Where the value goes, for messages: column name and 1-based row number. */
export interface ColumnSite {
  ctx: TypeContext;
  col: string;
  row: number;
}

export function noteFor(site: ColumnSite, spec: ErrorSpec, ...args: unknown[]): void {
  site.ctx.appendWarning({ ...warningFrom(spec, ...args), level: 'Note' });
}

function outOfRange(site: ColumnSite): void {
  truncationProblem(site.ctx, ER.WARN_DATA_OUT_OF_RANGE, site.col, site.row);
}

function dataTruncated(site: ColumnSite): void {
  truncationProblem(site.ctx, ER.WARN_DATA_TRUNCATED, site.col, site.row);
}

function incorrectValue(site: ColumnSite, typeName: string, text: string): void {
  truncationProblem(site.ctx, ER.TRUNCATED_WRONG_VALUE_FOR_FIELD, typeName, text, site.col, site.row);
}

/**
 * A string bound for a numeric column: its numeric prefix as a Decimal ('1.6' → 1.6, '1e3' →
 * 1000). No number at all is "Incorrect <type> value" (or, with noDigitsAsTruncation, "Data
 * truncated"), trailing garbage is "Data truncated".
 */
function stringForNumericColumn(s: string, site: ColumnSite, typeName: string, noDigitsAsTruncation = false): Decimal {
  const p = parseNumericPrefix(s);
  if (p.text === '') {
    if (noDigitsAsTruncation) dataTruncated(site);
    else incorrectValue(site, typeName, s);
    return Decimal.ZERO;
  }
  if (!p.complete) dataTruncated(site);
  return limitDecimal(Decimal.parse(p.text) ?? Decimal.ZERO, site.ctx, s);
}

/** Any value as an exact number for an integer-like column, rounded half away from zero. */
function exactInteger(v: Value, site: ColumnSite, typeName: string): bigint {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return BigInt(v);
    if (!Number.isFinite(v)) return v > 0 ? UINT64_MAX + 1n : INT64_MIN - 1n;
    return BigInt(v < 0 ? -Math.round(-v) : Math.round(v));
  }
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string') return stringForNumericColumn(v, site, typeName).toBigInt();
  return toDecimal(v, site.ctx).toBigInt();
}

function clampToRange(v: bigint, lo: bigint, hi: bigint, site: ColumnSite): bigint {
  if (v >= lo && v <= hi) return v;
  outOfRange(site);
  return v < lo ? lo : hi;
}

function integerForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  const [lo, hi] = intRange(ft.tp, isUnsigned(ft));
  return normalizeInt(clampToRange(exactInteger(v, site, 'integer'), lo, hi, site));
}

/** YEAR: 1-69 mean 2001-2069, 70-99 mean 1970-1999; 0 is 0000 as a number but 2000 as a string. */
function yearForColumn(v: Value, site: ColumnSite): Value {
  if (v instanceof MyTime) return v.isZero() ? 0 : v.year;
  const isString = typeof v === 'string';
  let y = exactInteger(v, site, 'integer');
  if (isString && y === 0n && /^\s*[+-]?0+(\.0*)?\s*$/.test(v as string)) y = 2000n;
  else if (y >= 1n && y <= 69n) y += 2000n;
  else if (y >= 70n && y <= 99n) y += 1900n;
  if (y !== 0n && (y < 1901n || y > 2155n)) {
    outOfRange(site);
    return 0;
  }
  return Number(y);
}

/** BIT(M): numbers as they are, strings as big-endian bytes; too wide is out of range. */
function bitForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  const m = ft.flen === UNSPECIFIED ? 1 : ft.flen;
  let n: bigint;
  if (typeof v === 'string') {
    n = 0n;
    for (const b of Buffer.from(v, isBinaryStringValue(v) ? 'latin1' : 'utf8')) n = (n << 8n) | BigInt(b);
  } else n = exactInteger(v, site, 'integer');
  if (n < 0n) n += UINT64_MAX + 1n;
  const max = (1n << BigInt(m)) - 1n;
  if (n > max || n < 0n) {
    if (!site.ctx.truncateAsWarning) throw sqlError(ER.DATA_TOO_LONG, site.col, site.row);
    outOfRange(site);
    n = max;
  }
  return normalizeInt(n);
}

function isBinaryStringValue(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

function decimalForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  const flen = ft.flen === UNSPECIFIED ? defaultFlen(TypeCode.NewDecimal, false) : ft.flen;
  const dec = ft.decimal === UNSPECIFIED ? 0 : ft.decimal;
  let d = typeof v === 'string' ? stringForNumericColumn(v, site, 'decimal') : toDecimal(v, site.ctx);
  if (isUnsigned(ft) && d.sign() < 0) {
    outOfRange(site);
    d = Decimal.ZERO;
  }
  const r = d.convertTo(flen, dec);
  if (r.overflow) outOfRange(site);
  else if (r.truncated) noteFor(site, ER.WARN_DATA_TRUNCATED, site.col, site.row);
  return r.value;
}

const FLT_MAX = 3.4028234663852886e38;

function realForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  const isFloat = ft.tp === TypeCode.Float;
  let x = typeof v === 'string' ? stringForNumericColumn(v, site, 'double', true).toNumber() : toReal(v, site.ctx);
  if (Number.isNaN(x)) x = 0;
  if (ft.decimal !== UNSPECIFIED && ft.flen !== UNSPECIFIED && ft.decimal < 31) {
    // FLOAT(M,D)/DOUBLE(M,D): round to D places, then the largest value has M-D integer digits.
    const d = Decimal.fromNumber(x).round(ft.decimal);
    const max = 10 ** (ft.flen - ft.decimal) - 10 ** -ft.decimal;
    x = d.toNumber();
    if (Math.abs(x) > max) {
      outOfRange(site);
      x = Math.sign(x) * Number(max.toFixed(ft.decimal));
    }
  }
  const limit = isFloat ? FLT_MAX : Number.MAX_VALUE;
  if (!Number.isFinite(x) || Math.abs(x) > limit) {
    outOfRange(site);
    x = Math.sign(x) * limit;
  }
  if (isUnsigned(ft) && x < 0) {
    outOfRange(site);
    x = 0;
  }
  return isFloat ? Math.fround(x) : x;
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function codePointPrefix(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return s.slice(0, i);
}

/** Cuts s to max characters (bytes for binary strings and TEXT/BLOB limits). */
function fitLength(s: string, max: number, byBytes: boolean, site: ColumnSite): string {
  const len = byBytes ? Buffer.byteLength(s, isBinaryStringValue(s) ? 'latin1' : 'utf8') : codePointLength(s);
  if (len <= max) return s;
  let cut: string;
  if (!byBytes) cut = codePointPrefix(s, max);
  else if (isBinaryStringValue(s)) cut = s.slice(0, max);
  else {
    cut = Buffer.from(s, 'utf8').subarray(0, max).toString('utf8');
    if (cut.endsWith('\ufffd')) cut = cut.slice(0, -1);
  }
  // Cutting only trailing spaces is silent apart from a note, even in strict mode.
  if (/^ *$/.test(s.slice(cut.length))) {
    noteFor(site, ER.WARN_DATA_TRUNCATED, site.col, site.row);
    return cut;
  }
  if (!site.ctx.truncateAsWarning) throw sqlError(ER.DATA_TOO_LONG, site.col, site.row);
  site.ctx.appendWarning(warningFrom(ER.WARN_DATA_TRUNCATED, site.col, site.row));
  return cut;
}

function stringForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  let s = toStringValue(v);
  const binary = isBinaryString(ft);
  if (isBlobType(ft.tp)) {
    const max = ft.flen === UNSPECIFIED || ft.flen > defaultFlen(ft.tp, false) ? defaultFlen(ft.tp, false) : ft.flen;
    return fitLength(s, max, true, site);
  }
  const max = ft.flen === UNSPECIFIED ? (ft.tp === TypeCode.String ? 1 : 65535) : ft.flen;
  s = fitLength(s, max, binary, site);
  if (ft.tp === TypeCode.String) {
    // BINARY(n) pads with zero bytes; CHAR(n) keeps no trailing spaces (they come back as padding).
    if (binary) return s.length < max ? s + '\0'.repeat(max - s.length) : s;
    return s.replace(/ +$/, '');
  }
  return s;
}

function sameMember(a: string, b: string): boolean {
  return a.replace(/ +$/, '').toLowerCase() === b.replace(/ +$/, '').toLowerCase();
}

/** ENUM: a member name (any case) or its 1-based index; anything else is '' with a warning. */
function enumForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  const elems = ft.elems ?? [];
  if (typeof v === 'string') {
    const m = elems.find((e) => sameMember(e, v));
    if (m !== undefined) return m;
    const p = parseNumericPrefix(v);
    if (p.complete && /^\s*\d+\s*$/.test(v)) return enumByIndex(Number(p.text), elems, site);
    dataTruncated(site);
    return '';
  }
  if (v instanceof Decimal || typeof v === 'number' || typeof v === 'bigint') {
    return enumByIndex(Number(exactInteger(v, site, 'integer')), elems, site);
  }
  return enumForColumn(toStringValue(v), ft, site);
}

function enumByIndex(i: number, elems: readonly string[], site: ColumnSite): string {
  if (i >= 1 && i <= elems.length) return elems[i - 1]!;
  dataTruncated(site);
  return '';
}

/** SET: comma-separated member names (kept in definition order, once each) or a bit mask. */
function setForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  const elems = ft.elems ?? [];
  if (typeof v === 'string') {
    if (v === '') return '';
    let mask = 0n;
    let bad = false;
    for (const part of v.split(',')) {
      const i = elems.findIndex((e) => sameMember(e, part));
      if (i < 0) bad = true;
      else mask |= 1n << BigInt(i);
    }
    if (bad) {
      if (/^\s*\d+\s*$/.test(v)) return setByMask(BigInt(v.trim()), elems, site);
      dataTruncated(site);
    }
    return setByMask(mask, elems, site);
  }
  if (v instanceof Decimal || typeof v === 'number' || typeof v === 'bigint') {
    return setByMask(exactInteger(v, site, 'integer'), elems, site);
  }
  return setForColumn(toStringValue(v), ft, site);
}

function setByMask(mask: bigint, elems: readonly string[], site: ColumnSite): string {
  if (mask < 0n || mask >= 1n << BigInt(elems.length)) {
    dataTruncated(site);
    mask &= (1n << BigInt(elems.length)) - 1n;
    if (mask < 0n) mask = 0n;
  }
  return elems.filter((_, i) => (mask >> BigInt(i)) & 1n).join(',');
}

function jsonForColumn(v: Value, site: ColumnSite): Value {
  if (v instanceof JsonValue) return v;
  if (typeof v === 'string') {
    const r = JsonValue.tryParse(v);
    if (r instanceof JsonValue) return r;
    throw sqlError(ER.INVALID_JSON_TEXT, `"${r.reason}" at position ${r.position} in value for column '${site.col}'.`);
  }
  if (typeof v === 'number') return Number.isSafeInteger(v) ? JsonValue.fromJs(v) : JsonValue.fromDouble(v);
  if (v instanceof MyTime || v instanceof Duration) return JsonValue.fromJs(v.toString());
  return JsonValue.fromJs(v);
}

/**
 * Converts v for storage in a column of type ft. Strict statements (ctx.truncateAsWarning false)
 * fail with MySQL's error; others store the clamped, truncated or default value with a warning.
 */
export function convertForColumn(v: Value, ft: FieldType, ctx: TypeContext, colName: string, rowNo: number): Value {
  if (v === null) return null;
  const site: ColumnSite = { ctx, col: colName, row: rowNo };
  switch (ft.tp) {
    case TypeCode.Tiny:
    case TypeCode.Short:
    case TypeCode.Int24:
    case TypeCode.Long:
    case TypeCode.LongLong:
      return integerForColumn(v, ft, site);
    case TypeCode.Year:
      return yearForColumn(v, site);
    case TypeCode.Bit:
      return bitForColumn(v, ft, site);
    case TypeCode.NewDecimal:
    case TypeCode.Decimal:
      return decimalForColumn(v, ft, site);
    case TypeCode.Float:
    case TypeCode.Double:
      return realForColumn(v, ft, site);
    case TypeCode.Enum:
      return enumForColumn(v, ft, site);
    case TypeCode.Set:
      return setForColumn(v, ft, site);
    case TypeCode.JSON:
      return jsonForColumn(v, site);
  }
  if (isTemporalType(ft.tp)) return convertTemporalForColumn(v, ft, site);
  return stringForColumn(v, ft, site);
}
