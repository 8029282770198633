// Column and expression types, as MySQL's protocol and TiDB's FieldType describe them.

/** MySQL protocol column type codes. */
export const TypeCode = {
  Decimal: 0,
  Tiny: 1,
  Short: 2,
  Long: 3,
  Float: 4,
  Double: 5,
  Null: 6,
  Timestamp: 7,
  LongLong: 8,
  Int24: 9,
  Date: 10,
  Duration: 11,
  Datetime: 12,
  Year: 13,
  NewDate: 14,
  Varchar: 15,
  Bit: 16,
  JSON: 245,
  NewDecimal: 246,
  Enum: 247,
  Set: 248,
  TinyBlob: 249,
  MediumBlob: 250,
  LongBlob: 251,
  Blob: 252,
  VarString: 253,
  String: 254,
  Geometry: 255,
} as const;
export type TypeCode = (typeof TypeCode)[keyof typeof TypeCode];

/** Column flags, as sent in protocol column definitions. */
export const Flag = {
  NotNull: 1,
  PriKey: 2,
  UniqueKey: 4,
  MultipleKey: 8,
  Blob: 16,
  Unsigned: 32,
  Zerofill: 64,
  Binary: 128,
  Enum: 256,
  AutoIncrement: 512,
  Timestamp: 1024,
  Set: 2048,
  NoDefaultValue: 4096,
  OnUpdateNow: 8192,
  Num: 32768,
  /** A boolean result (TRUE/FALSE, comparisons, logic): converts to a JSON true/false (TiDB's IsBooleanFlag). */
  IsBoolean: 1 << 19,
} as const;

/** How a value of a type is represented and evaluated at run time. */
export const EvalType = {
  Int: 0,
  Real: 1,
  Decimal: 2,
  String: 3,
  Datetime: 4,
  Duration: 5,
  Json: 6,
} as const;
export type EvalType = (typeof EvalType)[keyof typeof EvalType];

export const UNSPECIFIED = -1;
export const MAX_DECIMAL_PRECISION = 65;
export const MAX_DECIMAL_SCALE = 30;
export const MAX_FSP = 6;

export interface FieldType {
  tp: TypeCode;
  flag: number;
  /** Display width / max length in characters; UNSPECIFIED when not given. */
  flen: number;
  /** Decimal scale, or fractional seconds precision for temporal types; UNSPECIFIED when not given. */
  decimal: number;
  charset: string;
  collate: string;
  /** Members of ENUM and SET. */
  elems?: readonly string[];
}

export const CHARSET_BIN = 'binary';
export const COLLATE_BIN = 'binary';
export const DEFAULT_CHARSET = 'utf8mb4';
export const DEFAULT_COLLATION = 'utf8mb4_bin';

export function newFieldType(tp: TypeCode, init: Partial<FieldType> = {}): FieldType {
  const numeric = isNumericType(tp) || isTemporalType(tp) || tp === TypeCode.Bit || tp === TypeCode.Year;
  return {
    tp,
    flag: init.flag ?? 0,
    flen: init.flen ?? UNSPECIFIED,
    decimal: init.decimal ?? UNSPECIFIED,
    charset: init.charset ?? (numeric || tp === TypeCode.Null ? CHARSET_BIN : DEFAULT_CHARSET),
    collate: init.collate ?? (numeric || tp === TypeCode.Null ? COLLATE_BIN : DEFAULT_COLLATION),
    elems: init.elems,
  };
}

export function isIntegerType(tp: number): boolean {
  return (
    tp === TypeCode.Tiny ||
    tp === TypeCode.Short ||
    tp === TypeCode.Int24 ||
    tp === TypeCode.Long ||
    tp === TypeCode.LongLong ||
    tp === TypeCode.Year
  );
}

export function isNumericType(tp: number): boolean {
  return (
    isIntegerType(tp) ||
    tp === TypeCode.Float ||
    tp === TypeCode.Double ||
    tp === TypeCode.NewDecimal ||
    tp === TypeCode.Decimal
  );
}

export function isTemporalType(tp: number): boolean {
  return (
    tp === TypeCode.Date ||
    tp === TypeCode.NewDate ||
    tp === TypeCode.Datetime ||
    tp === TypeCode.Timestamp ||
    tp === TypeCode.Duration
  );
}

/** DATE, DATETIME and TIMESTAMP: the types whose values are MyTime. */
export function isTimeType(tp: number): boolean {
  return tp === TypeCode.Date || tp === TypeCode.NewDate || tp === TypeCode.Datetime || tp === TypeCode.Timestamp;
}

export function isStringType(tp: number): boolean {
  return (
    tp === TypeCode.Varchar ||
    tp === TypeCode.VarString ||
    tp === TypeCode.String ||
    tp === TypeCode.TinyBlob ||
    tp === TypeCode.MediumBlob ||
    tp === TypeCode.LongBlob ||
    tp === TypeCode.Blob ||
    tp === TypeCode.Enum ||
    tp === TypeCode.Set
  );
}

export function isBlobType(tp: number): boolean {
  return tp === TypeCode.TinyBlob || tp === TypeCode.MediumBlob || tp === TypeCode.LongBlob || tp === TypeCode.Blob;
}

export function isUnsigned(ft: FieldType): boolean {
  return (ft.flag & Flag.Unsigned) !== 0;
}

export function isNotNull(ft: FieldType): boolean {
  return (ft.flag & Flag.NotNull) !== 0;
}

/** A string type whose values are bytes rather than characters (BINARY, VARBINARY, BLOB). */
export function isBinaryString(ft: FieldType): boolean {
  return isStringType(ft.tp) && ft.charset === CHARSET_BIN;
}

export function evalTypeOf(ft: FieldType): EvalType {
  switch (ft.tp) {
    case TypeCode.Tiny:
    case TypeCode.Short:
    case TypeCode.Int24:
    case TypeCode.Long:
    case TypeCode.LongLong:
    case TypeCode.Year:
    case TypeCode.Bit:
      return EvalType.Int;
    case TypeCode.Float:
    case TypeCode.Double:
      return EvalType.Real;
    case TypeCode.NewDecimal:
    case TypeCode.Decimal:
      return EvalType.Decimal;
    case TypeCode.Date:
    case TypeCode.NewDate:
    case TypeCode.Datetime:
    case TypeCode.Timestamp:
      return EvalType.Datetime;
    case TypeCode.Duration:
      return EvalType.Duration;
    case TypeCode.JSON:
      return EvalType.Json;
    default:
      return EvalType.String;
  }
}

/** Integer type limits for overflow checks and conversions. */
export function intRange(tp: number, unsigned: boolean): readonly [bigint, bigint] {
  switch (tp) {
    case TypeCode.Tiny:
      return unsigned ? [0n, 255n] : [-128n, 127n];
    case TypeCode.Short:
      return unsigned ? [0n, 65535n] : [-32768n, 32767n];
    case TypeCode.Int24:
      return unsigned ? [0n, 16777215n] : [-8388608n, 8388607n];
    case TypeCode.Long:
      return unsigned ? [0n, 4294967295n] : [-2147483648n, 2147483647n];
    case TypeCode.Year:
      return [0n, 2155n];
    default:
      return unsigned ? [0n, 18446744073709551615n] : [-9223372036854775808n, 9223372036854775807n];
  }
}

/** Default display widths, as MySQL reports them in SHOW CREATE TABLE and result metadata. */
export function defaultFlen(tp: number, unsigned: boolean): number {
  switch (tp) {
    case TypeCode.Tiny:
      return unsigned ? 3 : 4;
    case TypeCode.Short:
      return unsigned ? 5 : 6;
    case TypeCode.Int24:
      return unsigned ? 8 : 9;
    case TypeCode.Long:
      return unsigned ? 10 : 11;
    case TypeCode.LongLong:
      return 20;
    case TypeCode.Year:
      return 4;
    case TypeCode.Float:
      return 12;
    case TypeCode.Double:
      return 22;
    case TypeCode.NewDecimal:
      return 10;
    case TypeCode.Date:
      return 10;
    case TypeCode.Datetime:
    case TypeCode.Timestamp:
      return 19;
    case TypeCode.Duration:
      return 10;
    case TypeCode.Bit:
      return 1;
    case TypeCode.JSON:
      return 4294967295;
    case TypeCode.TinyBlob:
      return 255;
    case TypeCode.Blob:
      return 65535;
    case TypeCode.MediumBlob:
      return 16777215;
    case TypeCode.LongBlob:
      return 4294967295;
    default:
      return UNSPECIFIED;
  }
}

// Common types, shared read-only by the expression layer. Never mutate these: clone first.
export const INT_TYPE: Readonly<FieldType> = newFieldType(TypeCode.LongLong, { flen: 20, decimal: 0 });
export const UINT_TYPE: Readonly<FieldType> = newFieldType(TypeCode.LongLong, {
  flen: 20,
  decimal: 0,
  flag: Flag.Unsigned,
});
export const BOOL_TYPE: Readonly<FieldType> = newFieldType(TypeCode.LongLong, {
  flen: 1,
  decimal: 0,
  flag: Flag.IsBoolean,
});
export const DOUBLE_TYPE: Readonly<FieldType> = newFieldType(TypeCode.Double, { flen: 22, decimal: UNSPECIFIED });
export const NULL_TYPE: Readonly<FieldType> = newFieldType(TypeCode.Null, { flen: 0, decimal: 0 });
export const VARCHAR_TYPE: Readonly<FieldType> = newFieldType(TypeCode.VarString, { flen: UNSPECIFIED, decimal: 0 });
export const JSON_TYPE: Readonly<FieldType> = newFieldType(TypeCode.JSON, {
  flen: 4294967295,
  decimal: 0,
  charset: DEFAULT_CHARSET,
  collate: DEFAULT_COLLATION,
});
