// Shared pieces of the date/time builtins: argument conversion to MyTime/Duration (via the CAST
// converters, which warn 1292 on bad input), fractional-second precision inference and result types.
import { ER, sqlError, warningFrom } from '../../errors/index.js';
import { EvalType, type FieldType, MAX_FSP, newFieldType, TypeCode, UNSPECIFIED } from '../../types/field-type.js';
import { type Duration, MyTime } from '../../types/time.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { Constant, type Expression } from '../expression.js';
import { castToDuration, castToTime } from './cast-temporal.js';

export type TimeConv = (v: Value, ctx: EvalContext) => MyTime | null;
export type DurationConv = (v: Value, ctx: EvalContext) => Duration | null;

export function datetimeType(fsp: number): FieldType {
  return newFieldType(TypeCode.Datetime, { flen: 19 + (fsp > 0 ? fsp + 1 : 0), decimal: fsp });
}

export function dateType(): FieldType {
  return newFieldType(TypeCode.Date, { flen: 10, decimal: 0 });
}

export function durationType(fsp: number): FieldType {
  return newFieldType(TypeCode.Duration, { flen: 10 + (fsp > 0 ? fsp + 1 : 0), decimal: fsp });
}

/**
 * The fractional-second precision an argument brings: its declared scale for temporal and numeric
 * types; for strings 6 unless a constant shows no fraction.
 */
export function argFsp(e: Expression): number {
  const ft = e.type;
  switch (e.evalType) {
    case EvalType.Int:
      return 0;
    case EvalType.Datetime:
    case EvalType.Duration:
    case EvalType.Real:
    case EvalType.Decimal:
      return ft.decimal === UNSPECIFIED ? MAX_FSP : Math.min(Math.max(ft.decimal, 0), MAX_FSP);
    default:
      if (e instanceof Constant && typeof e.value === 'string') {
        const dot = /\.(\d*)\s*$/.exec(e.value);
        return dot ? Math.min(dot[1]!.length, MAX_FSP) : 0;
      }
      return MAX_FSP;
  }
}

/** Converts a non-NULL argument to a DATETIME-like MyTime (DATE values stay DATE). */
export function timeConv(e: Expression): TimeConv {
  if (e.evalType === EvalType.Datetime) return (v) => v as MyTime;
  const conv = castToTime(e.type, datetimeType(MAX_FSP));
  return (v, ctx) => conv(v, ctx) as MyTime | null;
}

/** Converts a non-NULL argument to a DATE. */
export function dateConv(e: Expression): TimeConv {
  if (e.evalType === EvalType.Datetime) return (v) => (v as MyTime).toDate();
  const conv = castToTime(e.type, dateType());
  return (v, ctx) => conv(v, ctx) as MyTime | null;
}

export function durationConv(e: Expression, fsp = MAX_FSP): DurationConv {
  const conv = castToDuration(e.type, durationType(fsp));
  return (v, ctx) => conv(v, ctx) as Duration | null;
}

/** For HOUR/MINUTE/SECOND: datetimes give their time of day, everything else is read as TIME. */
export function timeOfDayConv(e: Expression): DurationConv {
  return durationConv(e);
}

/** The fsp argument of NOW(fsp), CURTIME(fsp)...: a constant 0..6, else MySQL's error 1426. */
export function fspArg(e: Expression | undefined, fn: string): number {
  if (e === undefined) return 0;
  if (!(e instanceof Constant)) throw sqlError(ER.WRONG_ARGUMENTS, fn);
  const v = e.value === null ? 0 : Number(e.value);
  if (v < 0) throw sqlError(ER.WRONG_ARGUMENTS, fn);
  if (v > MAX_FSP) throw sqlError(ER.TOO_BIG_PRECISION, v, fn, MAX_FSP);
  return Math.trunc(v);
}

/** MySQL's 1292 wording for rejected temporal input. */
export function warnIncorrectValue(ctx: EvalContext, kind: string, text: string): null {
  ctx.appendWarning({ level: 'Warning', code: 1292, message: `Incorrect ${kind} value: '${text}'` });
  return null;
}

export function warnTruncated(ctx: EvalContext, kind: string, text: string): void {
  ctx.appendWarning(warningFrom(ER.TRUNCATED_WRONG_VALUE, kind, text));
}

/** A date usable for calendar functions (DAYOFWEEK, WEEK...): not zero and no zero month/day. */
export function calendarDate(t: MyTime | null): MyTime | null {
  return t === null || t.hasZeroInDate() ? null : t;
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The statement's current time in the session zone. */
export function statementNow(ctx: EvalContext, tp: number, fsp: number): MyTime {
  return MyTime.now(ctx.stmtTimeMicros, ctx.timeZoneOffsetMinutes, tp, fsp);
}
