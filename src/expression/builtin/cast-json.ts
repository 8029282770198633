// CAST(... AS JSON): strings are parsed as JSON text; numbers become JSON numbers; temporal values
// become JSON strings of their text form.
import type { Decimal } from '../../types/decimal.js';
import { EvalType, evalTypeOf, type FieldType, Flag } from '../../types/field-type.js';
import { JsonValue } from '../../types/json.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';

type Converter = (v: Value, ctx: EvalContext) => Value;

export function castToJson(from: FieldType): Converter {
  switch (evalTypeOf(from)) {
    case EvalType.Int:
      if (from.flag & Flag.IsBoolean) return (v) => new JsonValue(v !== 0 && v !== 0n);
      return (v) => new JsonValue(BigInt(v as number | bigint));
    case EvalType.Real:
      return (v) => JsonValue.fromDouble(v as number);
    case EvalType.Decimal:
      return (v) => new JsonValue(v as Decimal);
    case EvalType.Datetime:
    case EvalType.Duration:
      return (v) => new JsonValue(String(v));
    case EvalType.Json:
      return (v) => v;
    default:
      return (v) => JsonValue.parse(v as string);
  }
}
