// Shared pieces of the string, time, JSON, misc and encryption builtin families: argument
// coercion by static type, result types, byte/character views of string values and the
// NULL-propagating closure builders that keep compiled functions small and fast.
import { ER, warningFrom } from '../../errors/index.js';
import { formatReal, toInt, toReal, toStringValue } from '../../types/convert.js';
import {
  CHARSET_BIN,
  COLLATE_BIN,
  defaultFlen,
  EvalType,
  type FieldType,
  isBinaryString,
  isStringType,
  newFieldType,
  TypeCode,
  UNSPECIFIED,
} from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { BuildContext, EvalContext } from '../eval-context.js';
import { type BuiltinImpl, Constant, type EvalFn, type Expression } from '../expression.js';
import type { BuiltFunction, FunctionClass } from '../function.js';

/** Longest string a function may produce (MySQL's default max_allowed_packet, 64 MiB). */
export const MAX_ALLOWED_PACKET = 67108864;
/** Widest string result type MySQL reports (LONGTEXT/LONGBLOB). */
export const MAX_BLOB_WIDTH = 4294967295;

/** A strict function body: called only when every argument is non-NULL. */
export type StrictBody = (args: Value[], ctx: EvalContext) => Value;

/**
 * An implementation that returns NULL when any argument is NULL and otherwise calls body with the
 * argument values. Arity-specialised so the common cases allocate only the small argument array.
 */
export function strictImpl(sig: string, body: StrictBody, extra: Partial<BuiltinImpl> = {}): BuiltinImpl {
  return {
    sig,
    ...extra,
    compile(fns: EvalFn[]): EvalFn {
      if (fns.length === 0) return (_row, ctx) => body([], ctx);
      if (fns.length === 1) {
        const [f0] = fns as [EvalFn];
        return (row, ctx) => {
          const a = f0(row, ctx);
          return a === null ? null : body([a], ctx);
        };
      }
      if (fns.length === 2) {
        const [f0, f1] = fns as [EvalFn, EvalFn];
        return (row, ctx) => {
          const a = f0(row, ctx);
          if (a === null) return null;
          const b = f1(row, ctx);
          return b === null ? null : body([a, b], ctx);
        };
      }
      return (row, ctx) => {
        const vals: Value[] = new Array(fns.length);
        for (let i = 0; i < fns.length; i++) {
          const v = fns[i]!(row, ctx);
          if (v === null) return null;
          vals[i] = v;
        }
        return body(vals, ctx);
      };
    },
  };
}

/** An implementation that sees NULL arguments itself (CONCAT_WS, ELT, MAKE_SET, QUOTE...). */
export function lenientImpl(sig: string, body: StrictBody, extra: Partial<BuiltinImpl> = {}): BuiltinImpl {
  return {
    sig,
    ...extra,
    compile(fns: EvalFn[]): EvalFn {
      return (row, ctx) => {
        const vals: Value[] = new Array(fns.length);
        for (let i = 0; i < fns.length; i++) vals[i] = fns[i]!(row, ctx);
        return body(vals, ctx);
      };
    },
  };
}

/** A function class from an argument-count range and a build callback. */
export function fnClass(
  minArgs: number,
  maxArgs: number,
  build: (args: Expression[], bctx: BuildContext, name: string) => BuiltFunction,
): FunctionClass {
  return { minArgs, maxArgs, build };
}

// ---- Result types ----

export function intResult(flen: number, unsigned = false): FieldType {
  return newFieldType(TypeCode.LongLong, { flen, decimal: 0, flag: unsigned ? 32 : 0 });
}

export function decimalResult(flen: number, decimal: number): FieldType {
  return newFieldType(TypeCode.NewDecimal, { flen, decimal });
}

export interface StringCollation {
  charset: string;
  collate: string;
}

export const BINARY_COLLATION: StringCollation = { charset: CHARSET_BIN, collate: COLLATE_BIN };

/** A VARCHAR-like result of the given character length and collation. */
export function stringResult(flen: number, coll: StringCollation): FieldType {
  const binary = coll.charset === CHARSET_BIN;
  return newFieldType(TypeCode.VarString, {
    flen: flen === UNSPECIFIED || flen > MAX_BLOB_WIDTH ? (flen === UNSPECIFIED ? UNSPECIFIED : MAX_BLOB_WIDTH) : flen,
    decimal: UNSPECIFIED,
    charset: coll.charset,
    collate: coll.collate,
    flag: binary ? 128 : 0,
  });
}

/** The connection's collation: what strings made from numbers and temporal values get. */
export function connectionCollation(bctx: BuildContext): StringCollation {
  return { charset: bctx.connectionCharset, collate: bctx.connectionCollation };
}

export function isStringExpr(e: Expression): boolean {
  return isStringType(e.type.tp);
}

export function isBinaryExpr(e: Expression): boolean {
  return isBinaryString(e.type);
}

/**
 * The collation of a string function's result: binary when any string argument is binary,
 * otherwise the collation of the strongest string argument (columns and expressions outrank
 * literals), otherwise the connection's.
 */
export function deriveCollation(args: readonly Expression[], bctx: BuildContext): StringCollation {
  let literal: StringCollation | undefined;
  let derived: StringCollation | undefined;
  for (const a of args) {
    if (!isStringExpr(a) && a.type.tp !== TypeCode.JSON) continue;
    if (a.type.charset === CHARSET_BIN && isStringExpr(a)) return BINARY_COLLATION;
    const c = { charset: a.type.charset, collate: a.type.collate };
    if (a instanceof Constant) literal ??= c;
    else derived ??= c;
  }
  return derived ?? literal ?? connectionCollation(bctx);
}

/** Display length in characters of an argument once converted to a string. */
export function argCharLen(e: Expression): number {
  const ft = e.type;
  switch (ft.tp) {
    case TypeCode.Datetime:
    case TypeCode.Timestamp:
      return 19 + (ft.decimal > 0 ? ft.decimal + 1 : 0);
    case TypeCode.Date:
    case TypeCode.NewDate:
      return 10;
    case TypeCode.Duration:
      return 10 + (ft.decimal > 0 ? ft.decimal + 1 : 0);
    case TypeCode.NewDecimal:
      if (ft.flen === UNSPECIFIED) return UNSPECIFIED;
      return ft.flen + (ft.decimal > 0 ? 2 : 1);
    case TypeCode.Null:
      return 0;
  }
  if (ft.flen !== UNSPECIFIED) return ft.flen;
  return defaultFlen(ft.tp, false);
}

/** Sums lengths where UNSPECIFIED absorbs everything. */
export function addLens(...lens: number[]): number {
  let total = 0;
  for (const l of lens) {
    if (l === UNSPECIFIED) return UNSPECIFIED;
    total += l;
  }
  return total;
}

// ---- Bytes and characters ----

const NON_ASCII = /[^\x00-\x7f]/;
const SURROGATE = /[\ud800-\udfff]/;

/** A character string's UTF-8 bytes as a binary string (one char per byte). */
export function utf8ToBinary(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s;
}

/** Bytes of a binary string decoded as UTF-8 (invalid sequences become U+FFFD). */
export function binaryToUtf8(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/** Whether a binary string holds valid UTF-8. */
export function isValidUtf8(bytes: string): boolean {
  if (!NON_ASCII.test(bytes)) return true;
  return utf8ToBinary(Buffer.from(bytes, 'latin1').toString('utf8')) === bytes;
}

/** The bytes of a string value: as stored for binary strings, UTF-8 for character strings. */
export function bytesOf(s: string, binary: boolean): Buffer {
  return Buffer.from(s, binary ? 'latin1' : 'utf8');
}

export function byteLength(s: string, binary: boolean): number {
  return binary || !NON_ASCII.test(s) ? s.length : Buffer.byteLength(s, 'utf8');
}

/** Characters of a string: code points for character strings, bytes for binary strings. */
export function charsOf(s: string, binary: boolean): string[] | string {
  return binary || !SURROGATE.test(s) ? s : Array.from(s);
}

export function charLength(s: string, binary: boolean): number {
  if (binary || !SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Substring by character positions [from, to) (0-based). */
export function charSlice(s: string, binary: boolean, from: number, to?: number): string {
  const cs = charsOf(s, binary);
  return typeof cs === 'string' ? cs.slice(from, to) : cs.slice(from, to).join('');
}

// ---- Argument conversion by static type ----

export type StrConv = (v: Value) => string;
export type IntConv = (v: Value, ctx: EvalContext) => number | bigint;
export type RealConv = (v: Value, ctx: EvalContext) => number;

/**
 * How to turn a non-NULL argument value into a string in the representation of a result with the
 * given binary-ness.
 */
export function strConv(e: Expression, resultBinary = isBinaryExpr(e)): StrConv {
  const et = e.evalType;
  if (et === EvalType.String) {
    if (isBinaryExpr(e) === resultBinary || !isStringExpr(e)) return (v) => v as string;
    return resultBinary ? (v) => utf8ToBinary(v as string) : (v) => binaryToUtf8(v as string);
  }
  if (et === EvalType.Int) return (v) => String(v);
  if (et === EvalType.Real) return (v) => formatReal(v as number);
  if (et === EvalType.Json && resultBinary) return (v) => utf8ToBinary(toStringValue(v));
  return (v) => toStringValue(v);
}

export function intConv(e: Expression, unsigned = false): IntConv {
  if (e.evalType === EvalType.Int) return (v) => v as number | bigint;
  return (v, ctx) => toInt(v, ctx, unsigned);
}

export function realConv(e: Expression): RealConv {
  const et = e.evalType;
  if (et === EvalType.Real) return (v) => v as number;
  if (et === EvalType.Int) return (v) => Number(v);
  return (v, ctx) => toReal(v, ctx);
}

/** An Int value as a JS number, clamped into the safe range (for positions and counts). */
export function smallInt(v: number | bigint): number {
  if (typeof v === 'number') return v;
  return v > 9007199254740991n
    ? Number.MAX_SAFE_INTEGER
    : v < -9007199254740991n
      ? -Number.MAX_SAFE_INTEGER
      : Number(v);
}

/** Warns that a result would exceed max_allowed_packet (MySQL then returns NULL). */
export function warnPacketOverflow(ctx: EvalContext, fn: string): null {
  ctx.appendWarning(warningFrom(ER.WARN_ALLOWED_PACKET_OVERFLOWED, fn, MAX_ALLOWED_PACKET));
  return null;
}

/** The value of a constant string argument (units, formats, charset names), or undefined. */
export function constString(e: Expression | undefined): string | undefined {
  if (e instanceof Constant && typeof e.value === 'string') return e.value;
  return undefined;
}
