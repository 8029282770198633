// Ordering and grouping of values of one evaluation type: used by sorts, aggregation keys, joins,
// DISTINCT and comparison functions. NULL sorts first (smallest), as in MySQL.
import { getCollation } from '../types/collation.js';
import type { Decimal } from '../types/decimal.js';
import { EvalType, type FieldType, evalTypeOf, TypeCode } from '../types/field-type.js';
import type { JsonValue } from '../types/json.js';
import type { Duration, MyTime } from '../types/time.js';
import type { Value } from '../types/value.js';

export type ValueComparator = (a: Value, b: Value) => number;

function compareNumbers(a: Value, b: Value): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Compares two non-null values of the given type. */
export function comparatorFor(ft: FieldType): ValueComparator {
  switch (evalTypeOf(ft)) {
    case EvalType.Int:
    case EvalType.Real:
      // number and bigint compare correctly with < and > in JS, and Int values hold their true
      // mathematical value (signed or unsigned), so this is exact.
      return compareNumbers;
    case EvalType.Decimal:
      return (a, b) => (a as Decimal).compare(b as Decimal);
    case EvalType.String: {
      const coll = getCollation(ft.collate) ?? getCollation('utf8mb4_bin')!;
      return (a, b) => coll.compare(a as string, b as string);
    }
    case EvalType.Datetime:
      return (a, b) => (a as MyTime).compare(b as MyTime);
    case EvalType.Duration:
      return (a, b) => (a as Duration).compare(b as Duration);
    case EvalType.Json:
      return (a, b) => (a as JsonValue).compare(b as JsonValue);
  }
  return compareNumbers;
}

/** The ORDER BY comparator of a type: as comparatorFor, except ENUM sorts by member index and SET by bit mask. */
export function orderComparatorFor(ft: FieldType): ValueComparator {
  const elems = ft.elems ?? [];
  if (ft.tp === TypeCode.Enum) return (a, b) => elems.indexOf(a as string) - elems.indexOf(b as string);
  if (ft.tp === TypeCode.Set) {
    const mask = (v: string) => {
      let m = 0n;
      if (v !== '') for (const x of v.split(',')) m |= 1n << BigInt(elems.indexOf(x));
      return m;
    };
    return (a, b) => {
      const x = mask(a as string);
      const y = mask(b as string);
      return x < y ? -1 : x > y ? 1 : 0;
    };
  }
  return comparatorFor(ft);
}

/** Compares with NULLs first. */
export function nullsFirst(cmp: ValueComparator): ValueComparator {
  return (a, b) => {
    if (a === null) return b === null ? 0 : -1;
    if (b === null) return 1;
    return cmp(a, b);
  };
}

export type HashKey = string | number;
export type KeyFn = (v: Value) => HashKey;

/**
 * A key such that two non-null values are equal under the type's comparison exactly when their keys
 * are equal (=== on numbers, string equality otherwise).
 */
export function keyFnFor(ft: FieldType): KeyFn {
  switch (evalTypeOf(ft)) {
    case EvalType.Int:
      return (v) => (typeof v === 'bigint' ? `n${v}` : (v as number));
    case EvalType.Real:
      // +0 and -0 are equal; Map keys already treat them as the same.
      return (v) => v as number;
    case EvalType.Decimal:
      return (v) => (v as Decimal).hashKey();
    case EvalType.String: {
      const coll = getCollation(ft.collate) ?? getCollation('utf8mb4_bin')!;
      return (v) => coll.equalityKey(v as string);
    }
    case EvalType.Datetime:
      return (v) => (v as MyTime).hashKey();
    case EvalType.Duration:
      return (v) => (v as Duration).hashKey();
    case EvalType.Json:
      return (v) => (v as JsonValue).toString();
  }
  return (v) => String(v);
}

/** The key of a single NULL value: no value's key is NaN (numbers are never NaN, the other keys are strings). */
const NULL_KEY = Number.NaN;

/** A grouping key over several values: one key function per position, NULLs grouped together. */
export function rowKeyFn(types: readonly FieldType[]): (values: readonly Value[]) => HashKey {
  const fns = types.map(keyFnFor);
  if (fns.length === 1) {
    const f = fns[0]!;
    return (vals) => {
      const v = vals[0]!;
      return v === null ? NULL_KEY : f(v);
    };
  }
  return (vals) => {
    let key = '';
    for (let i = 0; i < fns.length; i++) {
      const v = vals[i]!;
      if (v === null) {
        key += '\u0000N\u0001';
        continue;
      }
      const k = fns[i]!(v);
      // Length-prefixing keeps concatenations unambiguous.
      const s = typeof k === 'number' ? `#${k}` : `$${k.length}:${k}`;
      key += s + '\u0001';
    }
    return key;
  };
}
