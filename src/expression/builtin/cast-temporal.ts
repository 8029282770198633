// CAST to DATE, DATETIME, TIMESTAMP and TIME: MySQL's numeric and string forms of temporal values;
// an invalid value gives NULL with warning 1292.
import { type ErrorSpec, warningFrom } from '../../errors/index.js';
import { toStringValue } from '../../types/convert.js';
import type { Decimal } from '../../types/decimal.js';
import { EvalType, evalTypeOf, type FieldType, TypeCode } from '../../types/field-type.js';
import { Duration, MyTime } from '../../types/time.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';

/** MySQL reports bad temporal input with code 1292 and this wording. */
const INCORRECT_TEMPORAL: ErrorSpec = { code: 1292, state: '22007', format: "Incorrect %s value: '%s'" };

type Converter = (v: Value, ctx: EvalContext) => Value;

function warnIncorrect(ctx: EvalContext, kind: string, v: Value): null {
  ctx.appendWarning(warningFrom(INCORRECT_TEMPORAL, kind, typeof v === 'string' ? v : toStringValue(v)));
  return null;
}

/** A numeric value as the number or bigint MyTime/Duration accept (DECIMAL keeps its fraction). */
function numericInput(v: Value): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  return (v as Decimal).toNumber();
}

/** The date part of the statement's current time (CAST(time AS DATETIME) adds the time to today). */
function today(ctx: EvalContext): MyTime {
  return MyTime.now(ctx.stmtTimeMicros, ctx.timeZoneOffsetMinutes, TypeCode.Date, 0);
}

export function castToTime(from: FieldType, to: FieldType): Converter {
  const tp = to.tp === TypeCode.NewDate ? TypeCode.Date : to.tp;
  const fsp = tp === TypeCode.Date ? 0 : Math.max(to.decimal, 0);
  const kind = tp === TypeCode.Date ? 'date' : 'datetime';
  switch (evalTypeOf(from)) {
    case EvalType.Int:
    case EvalType.Real:
    case EvalType.Decimal:
      return (v, ctx) => MyTime.fromNumber(numericInput(v), tp, fsp, ctx) ?? warnIncorrect(ctx, kind, v);
    case EvalType.Datetime:
      return (v) => (v as MyTime).withType(tp, fsp);
    case EvalType.Duration:
      return (v, ctx) => {
        const t = today(ctx)
          .withType(TypeCode.Datetime, 6)
          .addMicros((v as Duration).micros);
        return t === null ? warnIncorrect(ctx, kind, v) : t.withType(tp, fsp);
      };
    default:
      return (v, ctx) => {
        const s = typeof v === 'string' ? v : toStringValue(v);
        const r = MyTime.parseWithStatus(s, tp, fsp, ctx);
        if (r.value === null || r.truncated) warnIncorrect(ctx, kind, s);
        return r.value;
      };
  }
}

export function castToDuration(from: FieldType, to: FieldType): Converter {
  const fsp = Math.max(to.decimal, 0);
  switch (evalTypeOf(from)) {
    case EvalType.Int:
    case EvalType.Real:
    case EvalType.Decimal:
      return (v, ctx) => {
        const r = Duration.fromNumberWithStatus(numericInput(v), fsp);
        if (r.value === null || r.truncated) warnIncorrect(ctx, 'time', v);
        return r.value;
      };
    case EvalType.Datetime:
      return (v) => {
        const t = v as MyTime;
        return new Duration(t.tp === TypeCode.Date ? 0 : t.microsOfDay(), t.fsp).withFsp(fsp);
      };
    case EvalType.Duration:
      return (v) => (v as Duration).withFsp(fsp);
    default:
      return (v, ctx) => {
        const s = typeof v === 'string' ? v : toStringValue(v);
        const r = Duration.parseWithStatus(s, fsp, ctx);
        if (r.value === null || r.truncated) warnIncorrect(ctx, 'time', s);
        return r.value;
      };
  }
}
