// Small helpers shared by the operator and numeric builtin families: signature naming, result
// types, NULL propagation wrappers.
import { ER, sqlError } from '../../errors/index.js';
import {
  BOOL_TYPE,
  DOUBLE_TYPE,
  EvalType,
  type FieldType,
  Flag,
  INT_TYPE,
  isStringType,
  isTemporalType,
  MAX_DECIMAL_PRECISION,
  MAX_DECIMAL_SCALE,
  newFieldType,
  TypeCode,
  UINT_TYPE,
  UNSPECIFIED,
} from '../../types/field-type.js';
import type { Row, Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import type { BuiltinImpl, EvalFn, Expression } from '../expression.js';

/** How TiDB names an evaluation type inside signature names (EQInt, CastTimeAsString, ...). */
export function sigSuffix(et: EvalType): string {
  switch (et) {
    case EvalType.Int:
      return 'Int';
    case EvalType.Real:
      return 'Real';
    case EvalType.Decimal:
      return 'Decimal';
    case EvalType.String:
      return 'String';
    case EvalType.Datetime:
      return 'Time';
    case EvalType.Duration:
      return 'Duration';
    case EvalType.Json:
      return 'Json';
  }
}

export function makeImpl(
  sig: string,
  compile: (args: EvalFn[]) => EvalFn,
  extra: { deterministic?: boolean; sideEffects?: boolean } = {},
): BuiltinImpl {
  return { sig, compile, ...extra };
}

/** A one-argument function that returns NULL for NULL. */
export function unary(f: (a: Value, ctx: EvalContext) => Value): (args: EvalFn[]) => EvalFn {
  return ([a]) =>
    (row: Row, ctx: EvalContext) => {
      const x = a!(row, ctx);
      return x === null ? null : f(x, ctx);
    };
}

/** A two-argument function that returns NULL when either argument is NULL. */
export function binary(f: (a: Value, b: Value, ctx: EvalContext) => Value): (args: EvalFn[]) => EvalFn {
  return ([a, b]) =>
    (row: Row, ctx: EvalContext) => {
      const x = a!(row, ctx);
      if (x === null) return null;
      const y = b!(row, ctx);
      return y === null ? null : f(x, y, ctx);
    };
}

export function boolType(): FieldType {
  return { ...BOOL_TYPE };
}

export function intType(unsigned = false): FieldType {
  return { ...(unsigned ? UINT_TYPE : INT_TYPE) };
}

export function doubleType(): FieldType {
  return { ...DOUBLE_TYPE };
}

/** MySQL's largest fixed count of DOUBLE decimals; more (NOT_FIXED_DEC) means "not fixed". */
const MAX_FIXED_REAL_DECIMALS = 30;

/** A real function of one argument that keeps its decimals (-x, ABS(x), SUM(x)). */
export function realArgType(arg: FieldType): FieldType {
  return arg.tp === TypeCode.Double || arg.tp === TypeCode.Float ? doubleTypeWithDecimals(arg.decimal) : doubleType();
}

/** A DOUBLE with `decimal` fixed fraction digits when that is a fixed count (0..30), else unspecified. */
export function doubleTypeWithDecimals(decimal: number): FieldType {
  const t = doubleType();
  if (decimal >= 0 && decimal <= MAX_FIXED_REAL_DECIMALS) t.decimal = decimal;
  return t;
}

export function decimalType(flen: number, decimal: number): FieldType {
  const d = decimal === UNSPECIFIED ? UNSPECIFIED : Math.min(decimal, MAX_DECIMAL_SCALE);
  const f = flen === UNSPECIFIED ? UNSPECIFIED : Math.min(flen, MAX_DECIMAL_PRECISION);
  return newFieldType(TypeCode.NewDecimal, { flen: f, decimal: d, flag: Flag.Binary });
}

/** The default type a value of an evaluation type gets when an implicit cast produces it. */
export function defaultTypeFor(et: EvalType, from?: FieldType): FieldType {
  switch (et) {
    case EvalType.Int:
      return intType(from !== undefined && (from.flag & Flag.Unsigned) !== 0);
    case EvalType.Real:
      return doubleType();
    case EvalType.Decimal:
      return from ? decimalFromType(from) : decimalType(UNSPECIFIED, UNSPECIFIED);
    case EvalType.String:
      return newFieldType(TypeCode.VarString, { flen: from ? charLength(from) : UNSPECIFIED, decimal: UNSPECIFIED });
    case EvalType.Datetime:
      return newFieldType(TypeCode.Datetime, { flen: 26, decimal: from ? fspOf(from) : 6, flag: Flag.Binary });
    case EvalType.Duration:
      return newFieldType(TypeCode.Duration, { flen: 17, decimal: from ? fspOf(from) : 6, flag: Flag.Binary });
    case EvalType.Json:
      return newFieldType(TypeCode.JSON, { flen: 4294967295, decimal: 0, charset: 'utf8mb4', collate: 'utf8mb4_bin' });
  }
}

function fspOf(ft: FieldType): number {
  return isTemporalType(ft.tp) ? Math.max(ft.decimal, 0) : 6;
}

/** Precision and scale a value of this type takes as a DECIMAL (for arithmetic result types). */
export function decimalFromType(ft: FieldType): FieldType {
  switch (ft.tp) {
    case TypeCode.NewDecimal:
    case TypeCode.Decimal:
      return decimalType(ft.flen, ft.decimal);
    case TypeCode.Tiny:
    case TypeCode.Short:
    case TypeCode.Int24:
    case TypeCode.Long:
    case TypeCode.LongLong:
    case TypeCode.Year:
    case TypeCode.Bit:
      return decimalType(ft.flen === UNSPECIFIED ? 20 : ft.flen, 0);
    case TypeCode.Date:
      return decimalType(8, 0);
    case TypeCode.Datetime:
    case TypeCode.Timestamp:
      return decimalType(14 + Math.max(ft.decimal, 0), Math.max(ft.decimal, 0));
    case TypeCode.Duration:
      return decimalType(10 + Math.max(ft.decimal, 0), Math.max(ft.decimal, 0));
    default:
      return decimalType(MAX_DECIMAL_PRECISION, ft.decimal === UNSPECIFIED ? MAX_DECIMAL_SCALE : ft.decimal);
  }
}

/** The maximum length in characters a value of the type prints with. */
export function charLength(ft: FieldType): number {
  if (isStringType(ft.tp) || ft.tp === TypeCode.Varchar) return ft.flen;
  if (ft.tp === TypeCode.NewDecimal || ft.tp === TypeCode.Decimal) {
    if (ft.flen === UNSPECIFIED) return UNSPECIFIED;
    return ft.flen + (ft.decimal > 0 ? 2 : 1);
  }
  if (ft.tp === TypeCode.Date) return 10;
  if (ft.tp === TypeCode.Datetime || ft.tp === TypeCode.Timestamp) return 19 + (ft.decimal > 0 ? ft.decimal + 1 : 0);
  if (ft.tp === TypeCode.Duration) return 10 + (ft.decimal > 0 ? ft.decimal + 1 : 0);
  if (ft.tp === TypeCode.Double) return 22;
  if (ft.tp === TypeCode.Float) return 12;
  return ft.flen;
}

/**
 * The type an argument takes in a numeric context (arithmetic, math functions): strings and JSON
 * become REAL, temporal values INT (DECIMAL with fractional seconds), as MySQL and TiDB do.
 */
export function numericEvalType(ft: FieldType): EvalType {
  if (isTemporalType(ft.tp)) return ft.decimal > 0 ? EvalType.Decimal : EvalType.Int;
  switch (ft.tp) {
    case TypeCode.Tiny:
    case TypeCode.Short:
    case TypeCode.Int24:
    case TypeCode.Long:
    case TypeCode.LongLong:
    case TypeCode.Year:
    case TypeCode.Bit:
      return EvalType.Int;
    case TypeCode.NewDecimal:
    case TypeCode.Decimal:
      return EvalType.Decimal;
    case TypeCode.Null:
      return EvalType.Int;
    default:
      return EvalType.Real;
  }
}

export function isUnsignedType(ft: FieldType): boolean {
  return (ft.flag & Flag.Unsigned) !== 0;
}

/** Sets NOT NULL on a result type when every argument is NOT NULL. */
export function withNotNullFrom(ft: FieldType, args: readonly Expression[]): FieldType {
  if (args.every((a) => (a.type.flag & Flag.NotNull) !== 0)) ft.flag |= Flag.NotNull;
  return ft;
}

const SIGNED_MIN = -9223372036854775808n;
const SIGNED_MAX = 9223372036854775807n;
const UNSIGNED_MAX = 18446744073709551615n;

/**
 * Checks a BIGINT result: returns the canonical Int, or throws MySQL's 1690 naming the expression.
 * `label` renders lazily so the common path never builds strings.
 */
export function checkedInt(v: bigint, unsigned: boolean, label: () => string): number | bigint {
  if (unsigned ? v < 0n || v > UNSIGNED_MAX : v < SIGNED_MIN || v > SIGNED_MAX) {
    throw sqlError(ER.DATA_OUT_OF_RANGE, unsigned ? 'BIGINT UNSIGNED' : 'BIGINT', label());
  }
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

export const INT64_MIN = SIGNED_MIN;
export const INT64_MAX = SIGNED_MAX;
export const UINT64_MAX = UNSIGNED_MAX;
