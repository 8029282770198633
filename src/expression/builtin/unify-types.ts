// MySQL's aggregation of result types for IF, CASE, COALESCE, IFNULL, GREATEST and UNION.
import {
  CHARSET_BIN,
  COLLATE_BIN,
  EvalType,
  evalTypeOf,
  type FieldType,
  Flag,
  isBlobType,
  isStringType,
  MAX_DECIMAL_PRECISION,
  MAX_DECIMAL_SCALE,
  NULL_TYPE,
  newFieldType,
  TypeCode,
  UNSPECIFIED,
} from '../../types/field-type.js';
import { charLength } from './impl-util.js';

const INT_RANK: Record<number, number> = {
  [TypeCode.Tiny]: 1,
  [TypeCode.Short]: 2,
  [TypeCode.Int24]: 3,
  [TypeCode.Long]: 4,
  [TypeCode.LongLong]: 5,
};
const RANK_TYPE = [TypeCode.Tiny, TypeCode.Tiny, TypeCode.Short, TypeCode.Int24, TypeCode.Long, TypeCode.LongLong];

/** The type a column of mixed argument types takes (IF/CASE/COALESCE/UNION result). */
export function unifyTypes(types: readonly FieldType[]): FieldType {
  const known = types.filter((t) => t.tp !== TypeCode.Null);
  if (known.length === 0) return { ...NULL_TYPE, flag: 0 };
  const result = unifyKnown(known);
  result.flag &= ~Flag.NotNull;
  if (types.every((t) => (t.flag & Flag.NotNull) !== 0)) result.flag |= Flag.NotNull;
  return result;
}

function unifyKnown(types: readonly FieldType[]): FieldType {
  const ets = types.map(evalTypeOf);
  const allUnsigned = types.every((t) => (t.flag & Flag.Unsigned) !== 0);
  if (types.every((t) => t.tp === types[0]!.tp) && ets[0] !== EvalType.String && ets[0] !== EvalType.Decimal) {
    if (ets[0] !== EvalType.Int || allUnsigned || types.every((t) => (t.flag & Flag.Unsigned) === 0)) {
      return sameTypes(types);
    }
  }
  if (ets.every((e) => e === EvalType.Int)) return unifyInts(types, allUnsigned);
  if (ets.every((e) => e === EvalType.Int || e === EvalType.Real || e === EvalType.Decimal)) {
    if (ets.some((e) => e === EvalType.Real)) return unifyReals(types);
    return unifyDecimals(types, allUnsigned);
  }
  if (ets.every((e) => e === EvalType.Datetime || e === EvalType.Duration)) return unifyTemporals(types);
  return unifyStrings(types);
}

function sameTypes(types: readonly FieldType[]): FieldType {
  const r = { ...types[0]! };
  for (const t of types) {
    if (t.flen > r.flen) r.flen = t.flen;
    if (t.decimal > r.decimal) r.decimal = t.decimal;
  }
  return r;
}

function unifyInts(types: readonly FieldType[], allUnsigned: boolean): FieldType {
  let rank = 0;
  let flen = 0;
  for (const t of types) {
    rank = Math.max(rank, INT_RANK[t.tp] ?? 5);
    flen = Math.max(flen, t.flen);
  }
  const mixedSign = !allUnsigned && types.some((t) => (t.flag & Flag.Unsigned) !== 0);
  if (mixedSign) {
    // A signed type must hold the unsigned range: one size up; BIGINT UNSIGNED needs DECIMAL(20,0).
    const widest = types.some((t) => (t.flag & Flag.Unsigned) !== 0 && (INT_RANK[t.tp] ?? 5) === rank);
    if (widest) rank++;
    if (rank > 5) return newFieldType(TypeCode.NewDecimal, { flen: 20, decimal: 0, flag: Flag.Binary });
    flen++;
  }
  return newFieldType(RANK_TYPE[rank]!, {
    flen: Math.max(flen, 1),
    decimal: 0,
    flag: (allUnsigned ? Flag.Unsigned : 0) | Flag.Binary,
  });
}

function unifyReals(types: readonly FieldType[]): FieldType {
  const allFloat = types.every((t) => t.tp === TypeCode.Float || evalTypeOf(t) === EvalType.Int);
  let decimal = 0;
  for (const t of types) {
    if (t.decimal === UNSPECIFIED || (evalTypeOf(t) === EvalType.Real && t.decimal >= MAX_DECIMAL_SCALE + 1)) {
      decimal = UNSPECIFIED;
      break;
    }
    decimal = Math.max(decimal, t.decimal);
  }
  const tp = allFloat && types.some((t) => t.tp === TypeCode.Float) ? TypeCode.Float : TypeCode.Double;
  return newFieldType(tp, { flen: tp === TypeCode.Float ? 12 : 22, decimal, flag: Flag.Binary });
}

function unifyDecimals(types: readonly FieldType[], allUnsigned: boolean): FieldType {
  let scale = 0;
  let intDigits = 0;
  for (const t of types) {
    const d = evalTypeOf(t) === EvalType.Int ? 0 : Math.max(t.decimal, 0);
    scale = Math.max(scale, d);
    const flen = t.flen === UNSPECIFIED ? MAX_DECIMAL_PRECISION : t.flen;
    intDigits = Math.max(intDigits, flen - d);
  }
  scale = Math.min(scale, MAX_DECIMAL_SCALE);
  return newFieldType(TypeCode.NewDecimal, {
    flen: Math.min(intDigits + scale, MAX_DECIMAL_PRECISION),
    decimal: scale,
    flag: (allUnsigned ? Flag.Unsigned : 0) | Flag.Binary,
  });
}

function unifyTemporals(types: readonly FieldType[]): FieldType {
  const fsp = Math.max(0, ...types.map((t) => (t.tp === TypeCode.Date ? 0 : Math.max(t.decimal, 0))));
  const tps = new Set(types.map((t) => t.tp));
  if (tps.size === 1) {
    const tp = types[0]!.tp;
    const flen = tp === TypeCode.Date ? 10 : tp === TypeCode.Duration ? 10 : 19;
    return newFieldType(tp, { flen: fsp > 0 ? flen + fsp + 1 : flen, decimal: tp === TypeCode.Date ? 0 : fsp });
  }
  return newFieldType(TypeCode.Datetime, { flen: fsp > 0 ? 20 + fsp : 19, decimal: fsp, flag: Flag.Binary });
}

function unifyStrings(types: readonly FieldType[]): FieldType {
  let binary = false;
  let collate: string | undefined;
  let charset: string | undefined;
  let flen = 0;
  let blob = false;
  for (const t of types) {
    const isStr = isStringType(t.tp) || t.tp === TypeCode.Varchar;
    if (isStr && t.charset === CHARSET_BIN) binary = true;
    if (isStr && collate === undefined) {
      collate = t.collate;
      charset = t.charset;
    }
    if (isBlobType(t.tp) || t.tp === TypeCode.JSON) blob = true;
    const n = charLength(t);
    flen = n === UNSPECIFIED || flen === UNSPECIFIED ? UNSPECIFIED : Math.max(flen, n);
  }
  const cs = binary ? CHARSET_BIN : (charset ?? 'utf8mb4');
  const coll = binary ? COLLATE_BIN : (collate ?? 'utf8mb4_bin');
  if (blob || flen > 65535) {
    const max = Math.max(...types.map((t) => (t.tp === TypeCode.JSON ? 4294967295 : t.flen)));
    const tp =
      max <= 255
        ? TypeCode.TinyBlob
        : max <= 65535
          ? TypeCode.Blob
          : max <= 16777215
            ? TypeCode.MediumBlob
            : TypeCode.LongBlob;
    return newFieldType(tp, {
      flen: max,
      decimal: UNSPECIFIED,
      charset: cs,
      collate: coll,
      flag: binary ? Flag.Binary : 0,
    });
  }
  const allChar = types.every((t) => t.tp === TypeCode.String);
  return newFieldType(allChar ? TypeCode.String : TypeCode.VarString, {
    flen,
    decimal: UNSPECIFIED,
    charset: cs,
    collate: coll,
    flag: binary ? Flag.Binary : 0,
  });
}
