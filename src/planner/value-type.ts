// The type of a bound parameter or user-variable value, as MySQL infers it from the value itself.
import { Decimal } from '../types/decimal.js';
import {
  DOUBLE_TYPE,
  type FieldType,
  Flag,
  JSON_TYPE,
  newFieldType,
  NULL_TYPE,
  TypeCode,
} from '../types/field-type.js';
import { JsonValue } from '../types/json.js';
import { Duration, MyTime } from '../types/time.js';
import type { Value } from '../types/value.js';

export function valueType(v: Value): FieldType {
  if (v === null) return NULL_TYPE;
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return newFieldType(TypeCode.LongLong, { flen: 21, decimal: 0 });
    return DOUBLE_TYPE;
  }
  if (typeof v === 'bigint') {
    return newFieldType(TypeCode.LongLong, { flen: 21, decimal: 0, flag: v > 0n ? Flag.Unsigned : 0 });
  }
  if (typeof v === 'string') return newFieldType(TypeCode.VarString, { flen: v.length, decimal: 0 });
  if (v instanceof Decimal)
    return newFieldType(TypeCode.NewDecimal, { flen: Math.max(v.precision, 1), decimal: v.scale });
  if (v instanceof MyTime) return newFieldType(v.tp as TypeCode, { flen: 26, decimal: v.fsp, flag: Flag.Binary });
  if (v instanceof Duration) return newFieldType(TypeCode.Duration, { flen: 17, decimal: v.fsp, flag: Flag.Binary });
  if (v instanceof JsonValue) return JSON_TYPE;
  return NULL_TYPE;
}
