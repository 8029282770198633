// CAST / CONVERT and the implicit casts other builtins insert: one signature per (source, target)
// evaluation type pair, named as TiDB names them (CastIntAsReal, CastStringAsTime, ...).
import { ER, warningFrom } from '../../errors/index.js';
import { toDecimal, toInt, toReal, toStringValue } from '../../types/convert.js';
import type { Decimal } from '../../types/decimal.js';
import {
  CHARSET_BIN,
  EvalType,
  evalTypeOf,
  type FieldType,
  Flag,
  isStringType,
  TypeCode,
  UNSPECIFIED,
} from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { BuildContext, EvalContext } from '../eval-context.js';
import { BinaryLiteralConstant, Constant, type Expression, ScalarFunction } from '../expression.js';
import { tryFold } from '../function.js';
import { castToJson } from './cast-json.js';
import { castToDuration, castToTime } from './cast-temporal.js';
import { defaultTypeFor, INT64_MAX, makeImpl, sigSuffix } from './impl-util.js';

const TWO_64 = 18446744073709551616n;

export interface CastOptions {
  /** Implicit casts are the engine's own rewriting: not counted in telemetry. */
  implicit?: boolean;
}

/** Builds `cast(arg AS target)`; constant arguments fold to a constant unless the cast warns. */
export function buildCast(arg: Expression, target: FieldType, bctx: BuildContext, opts: CastOptions = {}): Expression {
  const from = evalTypeOf(arg.type);
  const to = evalTypeOf(target);
  const sig = `Cast${sigSuffix(from)}As${sigSuffix(to)}`;
  const type: FieldType = { ...target };
  if (
    arg instanceof BinaryLiteralConstant &&
    (to === EvalType.Int || to === EvalType.Real || to === EvalType.Decimal)
  ) {
    // In a numeric context a hex/bit literal is a BIGINT UNSIGNED; only an explicit CAST(... AS SIGNED) wraps it.
    const numType =
      opts.implicit && to === EvalType.Int ? { ...UINT64_TYPE, flag: UINT64_TYPE.flag | Flag.NotNull } : type;
    return new Constant(
      castFunction(UINT64_TYPE, numType)(binaryLiteralValue(arg.value as string), bctx.evalCtx),
      numType,
    );
  }
  if (arg.type.flag & Flag.NotNull && to !== EvalType.Datetime && to !== EvalType.Duration) type.flag |= Flag.NotNull;
  const convert = castFunction(arg.type, type);
  const impl = makeImpl(sig, ([a]) => {
    const f = a!;
    return (row, ctx) => {
      const v = f(row, ctx);
      return v === null ? null : convert(v, ctx);
    };
  });
  if (!opts.implicit) bctx.countUsage?.(sig);
  return tryFold(new ScalarFunction('cast', [arg], type, impl), bctx.evalCtx);
}

const UINT64_TYPE: FieldType = { ...defaultTypeFor(EvalType.Int), flag: Flag.Unsigned };

/** The bytes of a hex/bit literal as a big-endian unsigned integer (MySQL keeps the low 64 bits). */
function binaryLiteralValue(bytes: string): number | bigint {
  let n = 0n;
  for (let i = 0; i < bytes.length; i++) n = ((n << 8n) | BigInt(bytes.charCodeAt(i) & 0xff)) & 0xffffffffffffffffn;
  return normalize(n);
}

/** Wraps arg in a cast to the evaluation type `et` unless it already evaluates as that type. */
export function castToEvalType(arg: Expression, et: EvalType, bctx: BuildContext): Expression {
  if (arg.evalType === et) return arg;
  return buildCast(arg, defaultTypeFor(et, arg.type), bctx, { implicit: true });
}

/** Casts arg to exactly `target` unless it already has that type's evaluation type. */
export function castToType(arg: Expression, target: FieldType, bctx: BuildContext): Expression {
  if (arg.evalType === evalTypeOf(target)) return arg;
  return buildCast(arg, target, bctx, { implicit: true });
}

type Converter = (v: Value, ctx: EvalContext) => Value;

function castFunction(from: FieldType, to: FieldType): Converter {
  const toEt = evalTypeOf(to);
  if (
    (from.tp === TypeCode.Enum || from.tp === TypeCode.Set) &&
    (toEt === EvalType.Int || toEt === EvalType.Real || toEt === EvalType.Decimal)
  ) {
    // ENUM and SET values read as their index / member bit mask in numeric context.
    const number = castFunction(UINT64_TYPE, to);
    const index = from.tp === TypeCode.Enum ? enumIndex(from.elems ?? []) : setMask(from.elems ?? []);
    return (v, ctx) => number(index(v as string), ctx);
  }
  switch (toEt) {
    case EvalType.Int:
      return to.tp === TypeCode.Year ? castToYear(from) : castToInt(from, (to.flag & Flag.Unsigned) !== 0);
    case EvalType.Real:
      return to.tp === TypeCode.Float ? (v, ctx) => Math.fround(toReal(v, ctx)) : (v, ctx) => toReal(v, ctx);
    case EvalType.Decimal:
      return castToDecimal(to);
    case EvalType.String:
      return castToString(from, to);
    case EvalType.Datetime:
      return castToTime(from, to);
    case EvalType.Duration:
      return castToDuration(from, to);
    case EvalType.Json:
      return castToJson(from);
  }
}

function enumIndex(elems: readonly string[]): (v: string) => number {
  return (v) => elems.indexOf(v) + 1;
}

function setMask(elems: readonly string[]): (v: string) => number | bigint {
  return (v) => {
    let mask = 0n;
    if (v !== '') for (const m of v.split(',')) mask |= 1n << BigInt(elems.indexOf(m));
    return normalize(mask);
  };
}

function castToInt(from: FieldType, unsigned: boolean): Converter {
  if (evalTypeOf(from) === EvalType.Int) {
    // Between signed and unsigned BIGINT, CAST reinterprets the 64 bits as MySQL does.
    return unsigned
      ? (v) =>
          typeof v === 'bigint' ? (v < 0n ? v + TWO_64 : v) : (v as number) < 0 ? BigInt(v as number) + TWO_64 : v
      : (v) => (typeof v === 'bigint' && v > INT64_MAX ? normalize(v - TWO_64) : v);
  }
  return (v, ctx) => toInt(v, ctx, unsigned);
}

function normalize(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** CAST(x AS YEAR): two-digit years map to 1970-2069; values outside 1901-2155 give NULL. */
function castToYear(from: FieldType): Converter {
  const et = evalTypeOf(from);
  return (v, ctx) => {
    if (et === EvalType.Datetime) return Number(String(v).slice(0, 4));
    const text = et === EvalType.String ? (v as string).trim() : '';
    const n = Number(toInt(v, ctx));
    if (n === 0 && !(et === EvalType.String && /^0+$/.test(text) && text.length <= 2)) return 0;
    if (n >= 0 && n < 70) return n === 0 ? 2000 : 2000 + n;
    if (n >= 70 && n < 100) return 1900 + n;
    if (n >= 1901 && n <= 2155) return n;
    ctx.appendWarning(warningFrom(ER.TRUNCATED_WRONG_VALUE, 'YEAR', toStringValue(v)));
    return null;
  };
}

function castToDecimal(to: FieldType): Converter {
  if (to.flen === UNSPECIFIED || to.decimal === UNSPECIFIED) return (v, ctx) => toDecimal(v, ctx);
  const flen = to.flen;
  const scale = to.decimal;
  const label = `cast as decimal(${flen},${scale})`;
  return (v, ctx) => {
    const d: Decimal = toDecimal(v, ctx);
    const r = d.convertTo(flen, scale);
    if (r.overflow) ctx.appendWarning(warningFrom(ER.WARN_DATA_OUT_OF_RANGE, label, 1));
    return r.value;
  };
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Length in characters of a string value (code points; binary strings count bytes). */
export function charCount(s: string): number {
  return SURROGATE.test(s) ? Array.from(s).length : s.length;
}

function truncateChars(s: string, n: number): string {
  return SURROGATE.test(s) ? Array.from(s).slice(0, n).join('') : s.slice(0, n);
}

/** A binary string's bytes read as UTF-8 text. */
export function bytesToText(s: string): string {
  return Buffer.from(s, 'latin1').toString('utf8');
}

/** UTF-8 text as a binary string (one char per byte). */
export function textToBytes(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

function castToString(from: FieldType, to: FieldType): Converter {
  const toBinary = to.charset === CHARSET_BIN;
  const fromBinary = isStringType(from.tp) && from.charset === CHARSET_BIN;
  const recode: (s: string) => string =
    toBinary && !fromBinary && isStringType(from.tp) ? textToBytes : !toBinary && fromBinary ? bytesToText : (s) => s;
  const n = to.flen;
  // Only an explicit length (CHAR(N), BINARY(N)) truncates; BINARY(N) also pads with zero bytes.
  const padBinary = toBinary && to.tp === TypeCode.String && n !== UNSPECIFIED;
  const name = `${toBinary ? 'BINARY' : 'CHAR'}(${n})`;
  const fromReal = evalTypeOf(from) === EvalType.Real;
  return (v, ctx) => {
    let s = recode(typeof v === 'string' ? v : toStringValue(v, fromReal));
    if (n !== UNSPECIFIED && n >= 0 && charCount(s) > n) {
      ctx.appendWarning(warningFrom(ER.TRUNCATED_WRONG_VALUE, name, s));
      s = truncateChars(s, n);
    }
    if (padBinary && s.length < n) s = s + '\u0000'.repeat(n - s.length);
    return s;
  };
}
