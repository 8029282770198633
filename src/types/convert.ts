// Conversions between value representations with MySQL's rules: numeric prefixes of strings,
// rounding, clamping with warnings (or errors in strict statements), and printing.
import { ER, type ErrorSpec, sqlError, warningFrom } from '../errors/index.js';
import type { TypeContext } from './context.js';
import { Decimal, MAX_PRECISION, MAX_SCALE } from './decimal.js';
import type { JsonValue } from './json.js';
import { formatReal } from './real-format.js';
import { Duration, MyTime } from './time.js';
import { normalizeInt, type Value } from './value.js';

export { convertForColumn } from './convert-column.js';
export { formatReal } from './real-format.js';

export const INT64_MIN = -9223372036854775808n;
export const INT64_MAX = 9223372036854775807n;
export const UINT64_MAX = 18446744073709551615n;

/** Reports a conversion problem: a warning in lenient statements, otherwise an error. */
export function truncationProblem(ctx: TypeContext, spec: ErrorSpec, ...args: unknown[]): void {
  if (!ctx.truncateAsWarning) throw sqlError(spec, ...args);
  ctx.appendWarning(warningFrom(spec, ...args));
}

const NUMERIC_PREFIX_RE = /^[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const TRAILING_SPACE_RE = /^[ \t\n\r\f\v]*$/;

/**
 * The longest prefix of s that reads as a number (after leading spaces), as MySQL takes it when
 * a string meets a numeric context. complete is false when anything but spaces follows it, or
 * when there is no number at all (text is then '').
 */
export function parseNumericPrefix(s: string): { text: string; complete: boolean } {
  const m = NUMERIC_PREFIX_RE.exec(s);
  if (!m) return { text: '', complete: false };
  return { text: m[1]!, complete: TRAILING_SPACE_RE.test(s.slice(m[0].length)) };
}

/** The integer prefix of s (sign and digits only), as CAST(s AS SIGNED) reads it. */
function parseIntPrefix(s: string): { text: string; complete: boolean } {
  const m = /^[ \t\n\r\f\v]*([+-]?\d+)/.exec(s);
  if (!m) return { text: '', complete: false };
  return { text: m[1]!, complete: TRAILING_SPACE_RE.test(s.slice(m[0].length)) };
}

function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Fits an exact integer into BIGINT [UNSIGNED], reporting `what`/`text` when it had to clamp. */
function clampInt(v: bigint, unsigned: boolean, ctx: TypeContext, what: string, text: string): bigint {
  const lo = unsigned ? 0n : INT64_MIN;
  const hi = unsigned ? UINT64_MAX : INT64_MAX;
  if (v >= lo && v <= hi) return v;
  if (!ctx.truncateAsWarning) throw sqlError(ER.DATA_OUT_OF_RANGE, unsigned ? 'BIGINT UNSIGNED' : 'BIGINT', text);
  ctx.appendWarning(warningFrom(ER.TRUNCATED_WRONG_VALUE, what, text));
  return v < lo ? lo : hi;
}

/** Reinterprets a 64-bit integer as signed or unsigned, as CAST(... AS SIGNED/UNSIGNED) does. */
function wrap64(v: bigint, unsigned: boolean): bigint {
  if (unsigned && v < 0n && v >= INT64_MIN) return v + UINT64_MAX + 1n;
  if (!unsigned && v > INT64_MAX && v <= UINT64_MAX) return v - UINT64_MAX - 1n;
  return v;
}

function decimalToInt(d: Decimal, unsigned: boolean, ctx: TypeContext, what: string, text: string): bigint {
  return clampInt(d.toBigInt(), unsigned, ctx, what, text);
}

/**
 * The value as a BIGINT (SIGNED or UNSIGNED): reals and decimals round half away from zero,
 * strings take their integer prefix (CAST('1.6' AS SIGNED) is 1, with a warning).
 */
export function toInt(v: Value, ctx: TypeContext, unsigned = false): number | bigint {
  if (v === null) return 0;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Number.isSafeInteger(v)) return normalizeInt(wrap64(BigInt(v), unsigned));
    if (Number.isNaN(v)) return 0;
    const r = roundHalfAwayFromZero(v);
    const b = Number.isFinite(r) ? BigInt(r) : r > 0 ? UINT64_MAX + 1n : INT64_MIN - 1n;
    return normalizeInt(clampInt(b, unsigned, ctx, 'INTEGER', formatReal(v)));
  }
  if (typeof v === 'bigint') return normalizeInt(wrap64(v, unsigned));
  if (typeof v === 'string') return normalizeInt(stringToInt(v, ctx, unsigned));
  if (v instanceof Decimal) return normalizeInt(decimalToInt(v, unsigned, ctx, 'DECIMAL', v.toString()));
  if (v instanceof MyTime || v instanceof Duration) {
    const d = Decimal.parse(v.toNumberString()) ?? Decimal.ZERO;
    return normalizeInt(wrap64(d.toBigInt(), unsigned));
  }
  return jsonToInt(v, ctx, unsigned);
}

function stringToInt(s: string, ctx: TypeContext, unsigned: boolean): bigint {
  const p = parseIntPrefix(s);
  if (!p.complete) truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'INTEGER', s);
  if (p.text === '') return 0n;
  const v = BigInt(p.text);
  if (v > UINT64_MAX || v < INT64_MIN) return clampInt(v, unsigned, ctx, 'INTEGER', s);
  // Between the signed and unsigned limits the digits keep their meaning only on one side.
  if (!unsigned && v > INT64_MAX) return clampInt(v, false, ctx, 'INTEGER', s);
  return wrap64(v, unsigned);
}

function jsonToInt(j: JsonValue, ctx: TypeContext, unsigned: boolean): number | bigint {
  const n = j.node;
  if (typeof n === 'boolean') return n ? 1 : 0;
  if (typeof n === 'number' || typeof n === 'bigint' || typeof n === 'string' || n instanceof Decimal) {
    return toInt(n, ctx, unsigned);
  }
  truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'INTEGER', j.toString());
  return 0;
}

/** A string read as DOUBLE: its numeric prefix, with a warning when more text follows. */
export function stringToReal(s: string, ctx: TypeContext): number {
  const p = parseNumericPrefix(s);
  if (!p.complete) truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'DOUBLE', s);
  if (p.text === '') return 0;
  const x = Number(p.text);
  if (Number.isFinite(x)) return x;
  truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'DOUBLE', s);
  return x > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

export function toReal(v: Value, ctx: TypeContext): number {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return stringToReal(v, ctx);
  if (v instanceof Decimal) return v.toNumber();
  if (v instanceof MyTime || v instanceof Duration) return v.toNumber();
  const n = v.node;
  if (typeof n === 'boolean') return n ? 1 : 0;
  if (typeof n === 'number' || typeof n === 'bigint' || typeof n === 'string' || n instanceof Decimal) {
    return toReal(n, ctx);
  }
  truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'DOUBLE', v.toString());
  return 0;
}

/** Keeps a decimal within DECIMAL(65, 30): extra fraction digits round, too many digits clamp. */
export function limitDecimal(d: Decimal, ctx: TypeContext, text: string): Decimal {
  let r = d.scale > MAX_SCALE ? d.round(MAX_SCALE) : d;
  if (r.intDigits + r.scale > MAX_PRECISION) {
    const scale = Math.max(Math.min(r.scale, MAX_PRECISION - r.intDigits), 0);
    r = r.round(scale);
    if (r.intDigits > MAX_PRECISION) {
      truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'DECIMAL', text);
      const max = new Decimal(10n ** BigInt(MAX_PRECISION) - 1n, 0);
      return r.sign() < 0 ? max.neg() : max;
    }
  }
  return r;
}

/** A string read as DECIMAL: its numeric prefix, with a warning when more text follows. */
export function stringToDecimal(s: string, ctx: TypeContext): Decimal {
  const p = parseNumericPrefix(s);
  if (!p.complete) truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'DECIMAL', s);
  const d = p.text === '' ? Decimal.ZERO : (Decimal.parse(p.text) ?? Decimal.ZERO);
  return limitDecimal(d, ctx, s);
}

export function toDecimal(v: Value, ctx: TypeContext): Decimal {
  if (v === null) return Decimal.ZERO;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'DECIMAL', formatReal(v));
      return Decimal.ZERO;
    }
    return limitDecimal(Decimal.fromNumber(v), ctx, formatReal(v));
  }
  if (typeof v === 'bigint') return Decimal.fromInt(v);
  if (typeof v === 'string') return stringToDecimal(v, ctx);
  if (v instanceof Decimal) return v;
  if (v instanceof MyTime || v instanceof Duration) return Decimal.parse(v.toNumberString()) ?? Decimal.ZERO;
  const n = v.node;
  if (typeof n === 'boolean') return n ? Decimal.ONE : Decimal.ZERO;
  if (typeof n === 'number' || typeof n === 'bigint' || typeof n === 'string' || n instanceof Decimal) {
    return toDecimal(n, ctx);
  }
  truncationProblem(ctx, ER.TRUNCATED_WRONG_VALUE, 'DECIMAL', v.toString());
  return Decimal.ZERO;
}

/**
 * The value as text. A plain number is ambiguous between INT and DOUBLE: integral safe numbers
 * print as integers unless isReal says the value is a DOUBLE (then MySQL's DOUBLE format).
 * NULL gives ''.
 */
export function toStringValue(v: Value, isReal = false): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return !isReal && Number.isSafeInteger(v) ? String(v) : formatReal(v);
  if (typeof v === 'bigint') return v.toString();
  return v.toString();
}

/** MySQL truthiness: non-zero is true; strings are read as DOUBLE; NULL stays NULL. */
export function toBool(v: Value, ctx: TypeContext): boolean | null {
  if (v === null) return null;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return stringToReal(v, ctx) !== 0;
  if (v instanceof Decimal) return !v.isZero();
  if (v instanceof MyTime || v instanceof Duration) return !v.isZero();
  const n = v.node;
  if (n === null) return false;
  if (typeof n === 'boolean') return n;
  if (typeof n === 'number' || typeof n === 'bigint' || typeof n === 'string' || n instanceof Decimal) {
    return toBool(n, ctx);
  }
  return true;
}
