// Date/time arithmetic: DATE_ADD/DATE_SUB/ADDDATE/SUBDATE/TIMESTAMPADD (the unit arrives as a
// trailing or leading string constant), ADDTIME/SUBTIME, DATEDIFF, TIMEDIFF, TIMESTAMPDIFF, EXTRACT.
import { ER, sqlError, warningFrom } from '../../errors/index.js';
import { EvalType, type FieldType, MAX_FSP, TypeCode } from '../../types/field-type.js';
import { parseDatetimeFields } from '../../types/time-parse.js';
import { addInterval, type Interval, parseInterval } from '../../types/time-interval.js';
import { Duration, MyTime } from '../../types/time.js';
import type { Decimal } from '../../types/decimal.js';
import type { Value } from '../../types/value.js';
import type { BuildContext, EvalContext } from '../eval-context.js';
import type { Expression } from '../expression.js';
import type { BuiltFunction } from '../function.js';
import { defineFunction } from '../function.js';
import {
  connectionCollation,
  constString,
  fnClass,
  intResult,
  isStringExpr,
  strConv,
  stringResult,
  strictImpl,
} from './string-common.js';
import {
  argFsp,
  dateConv,
  dateType,
  datetimeType,
  durationConv,
  durationType,
  timeConv,
  warnIncorrectValue,
} from './time-common.js';

const DATE_UNITS = new Set(['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'YEAR_MONTH']);
const TIME_UNITS = new Set([
  'HOUR',
  'MINUTE',
  'SECOND',
  'MICROSECOND',
  'HOUR_MINUTE',
  'HOUR_SECOND',
  'HOUR_MICROSECOND',
  'MINUTE_SECOND',
  'MINUTE_MICROSECOND',
  'SECOND_MICROSECOND',
]);

function unitArg(e: Expression | undefined, fn: string): string {
  const u = constString(e)?.toUpperCase();
  if (u === undefined || (!DATE_UNITS.has(u) && !TIME_UNITS.has(u) && parseInterval(u, 0) === null)) {
    throw sqlError(ER.WRONG_ARGUMENTS, fn);
  }
  return u;
}

/** Reads an interval argument's value: numbers keep their magnitude, DECIMALs their digits. */
function intervalConv(e: Expression, unit: string): (v: Value) => Interval | null {
  switch (e.evalType) {
    case EvalType.Int:
      return (v) => parseInterval(unit, Number(v));
    case EvalType.Real:
      return (v) => parseInterval(unit, v as number);
    case EvalType.Decimal:
      return (v) => parseInterval(unit, unit === 'SECOND' ? (v as Decimal).toString() : (v as Decimal).toNumber());
    default: {
      const conv = strConv(e, false);
      return (v) => parseInterval(unit, conv(v));
    }
  }
}

function intervalFsp(e: Expression, unit: string): number {
  if (unit.endsWith('MICROSECOND')) return MAX_FSP;
  if (unit === 'SECOND') return argFsp(e);
  return 0;
}

function warnOverflow(ctx: EvalContext): null {
  ctx.appendWarning(warningFrom(ER.DATETIME_FUNCTION_OVERFLOW, 'datetime'));
  return null;
}

/** A datetime rendered where the result is a string: the date alone when it has no time. */
function timeText(t: MyTime, withTime: boolean): string {
  if (!withTime) return t.withType(TypeCode.Date, 0).toString();
  return t.withType(TypeCode.Datetime, t.microsecond ? 6 : 0).toString();
}

/** DATE_ADD(date, value, unit) and friends, for sign +1 (add) or -1 (subtract). */
function buildDateArith(
  date: Expression,
  value: Expression,
  unit: string,
  sign: 1 | -1,
  sigFor: (kind: string) => string,
  bctx: BuildContext,
  argOrder: readonly [number, number] = [0, 1],
): Omit<BuiltFunction, 'args'> {
  const built = buildDateArithInOrder(date, value, unit, sign, sigFor, bctx);
  if (argOrder[0] === 0) return built;
  const inner = built.impl;
  return {
    type: built.type,
    impl: { ...inner, compile: (fns) => inner.compile([fns[argOrder[0]]!, fns[argOrder[1]]!]) },
  };
}

function buildDateArithInOrder(
  date: Expression,
  value: Expression,
  unit: string,
  sign: 1 | -1,
  sigFor: (kind: string) => string,
  bctx: BuildContext,
): Omit<BuiltFunction, 'args'> {
  const iv = intervalConv(value, unit);
  const timeUnit = TIME_UNITS.has(unit) || (!DATE_UNITS.has(unit) && unit.startsWith('DAY_'));
  const fsp = Math.max(argFsp(date), intervalFsp(value, unit));
  const et = date.evalType;
  if (et === EvalType.Duration && TIME_UNITS.has(unit)) {
    const conv = durationConv(date, fsp);
    const impl = strictImpl(sigFor('Duration'), ([d, v], ctx) => {
      const dur = conv(d!, ctx);
      const i = iv(v!);
      if (dur === null || i === null) return null;
      const delta = (i.negative !== sign < 0 ? -1 : 1) * i.micros;
      const r = Duration.fromMicros(dur.micros + delta, fsp);
      return r.truncated ? warnOverflow(ctx) : r.value;
    });
    return { type: durationType(fsp), impl };
  }
  if (et === EvalType.Datetime || et === EvalType.Duration) {
    const conv = timeConv(date);
    const keepDate = date.type.tp === TypeCode.Date && !timeUnit;
    const type = keepDate ? dateType() : datetimeType(fsp);
    const impl = strictImpl(sigFor('Datetime'), ([d, v], ctx) => {
      const t = conv(d!, ctx);
      const i = iv(v!);
      if (t === null || i === null) return null;
      const r = addInterval(t, i, sign);
      if (r === null) return warnOverflow(ctx);
      return keepDate ? r.withType(TypeCode.Date, 0) : r.withType(TypeCode.Datetime, fsp);
    });
    return { type, impl };
  }
  // Strings and numbers: the result is a string, a date alone when neither input nor unit has a time.
  const text = strConv(date, false);
  const isString = isStringExpr(date);
  const impl = strictImpl(sigFor('String'), ([d, v], ctx) => {
    const s = text(d!);
    const parsed = isString ? parseDatetimeFields(s) : null;
    const conv = MyTime.parse(s, TypeCode.Datetime, MAX_FSP, ctx) ?? (isString ? null : parseNumberDate(d!, ctx));
    if (conv === null) return warnIncorrectValue(ctx, 'datetime', s);
    const i = iv(v!);
    if (i === null) return null;
    const r = addInterval(conv, i, sign);
    if (r === null) return warnOverflow(ctx);
    const hadTime = isString ? (parsed?.hasTime ?? false) : String(s).replace(/\..*/, '').length > 8;
    return timeText(r, hadTime || timeUnit || r.microsecond !== 0);
  });
  return { type: stringResult(29, connectionCollation(bctx)), impl };
}

function parseNumberDate(v: Value, ctx: EvalContext): MyTime | null {
  if (typeof v === 'number' || typeof v === 'bigint') return MyTime.fromNumber(v, TypeCode.Datetime, MAX_FSP, ctx);
  return null;
}

function dateArith(sign: 1 | -1) {
  return fnClass(2, 3, (args, bctx, name) => {
    const unit = args.length === 3 ? unitArg(args[2], name) : 'DAY';
    const suffix = intervalSigSuffix(args[1]!);
    const op = sign > 0 ? 'AddDate' : 'SubDate';
    const built = buildDateArith(args[0]!, args[1]!, unit, sign, (kind) => `${op}${kind}${suffix}`, bctx);
    return { ...built, args };
  });
}

/** TiDB names the signatures after the interval's type (AddDateDatetimeInt, SubDateStringString...). */
function intervalSigSuffix(e: Expression): string {
  switch (e.evalType) {
    case EvalType.Int:
      return 'Int';
    case EvalType.Real:
      return 'Real';
    case EvalType.Decimal:
      return 'Decimal';
    default:
      return 'String';
  }
}

defineFunction(['date_add', 'adddate'], dateArith(1));
defineFunction(['date_sub', 'subdate'], dateArith(-1));

defineFunction(
  'timestampadd',
  fnClass(3, 3, (args, bctx, name) => {
    const unit = unitArg(args[0], name);
    // TIMESTAMPADD(unit, n, d): the date comes last, and a DATE gains a time part only when needed.
    const built = buildDateArith(args[2]!, args[1]!, unit, 1, () => 'TimestampAdd', bctx, [2, 1]);
    return { ...built, args };
  }),
);

// ---- ADDTIME / SUBTIME ----

function timeArith(sign: 1 | -1) {
  return fnClass(2, 2, (args, bctx) => {
    const [a, b] = args as [Expression, Expression];
    const fsp = Math.max(argFsp(a), argFsp(b));
    const delta = durationConv(b, fsp);
    const op = sign > 0 ? 'Add' : 'Sub';
    if (a.evalType === EvalType.Datetime) {
      const conv = timeConv(a);
      const impl = strictImpl(`${op}DatetimeAndDuration`, ([x, y], ctx) => {
        const t = conv(x!, ctx);
        const d = delta(y!, ctx);
        if (t === null || d === null) return null;
        return (
          t
            .withType(TypeCode.Datetime, fsp)
            .addMicros(sign * d.micros)
            ?.withType(TypeCode.Datetime, fsp) ?? null
        );
      });
      return { type: datetimeType(fsp), args, impl };
    }
    if (a.evalType === EvalType.Duration) {
      const conv = durationConv(a, fsp);
      const impl = strictImpl(`${op}DurationAndDuration`, ([x, y], ctx) => {
        const t = conv(x!, ctx);
        const d = delta(y!, ctx);
        if (t === null || d === null) return null;
        return Duration.fromMicros(t.micros + sign * d.micros, fsp).value;
      });
      return { type: durationType(fsp), args, impl };
    }
    const text = strConv(a, false);
    const impl = strictImpl(`${op}StringAndDuration`, ([x, y], ctx) => {
      const d = delta(y!, ctx);
      if (d === null) return null;
      const s = text(x!);
      if (looksLikeDatetime(s)) {
        const t = MyTime.parse(s, TypeCode.Datetime, MAX_FSP, ctx);
        const r = t?.addMicros(sign * d.micros);
        return r ? timeText(r, true) : null;
      }
      const t = Duration.parse(s, MAX_FSP, ctx);
      if (t === null) return warnIncorrectValue(ctx, 'time', s);
      const r = Duration.fromMicros(t.micros + sign * d.micros, t.micros % 1e6 || d.micros % 1e6 ? 6 : 0).value;
      return r?.toString() ?? null;
    });
    return { type: stringResult(26, connectionCollation(bctx)), args, impl };
  });
}

function looksLikeDatetime(s: string): boolean {
  const p = parseDatetimeFields(s);
  return !!p?.hasTime && (/^\s*\d+[-/.]\d+[-/.]\d+/.test(s) || /^\s*\d+:\d+:\d+[\sT]+\d/.test(s));
}

defineFunction('addtime', timeArith(1));
defineFunction('subtime', timeArith(-1));

// ---- Differences ----

defineFunction(
  'datediff',
  fnClass(2, 2, (args) => {
    const [ca, cb] = [dateConv(args[0]!), dateConv(args[1]!)];
    const impl = strictImpl('DateDiff', ([a, b], ctx) => {
      const x = ca(a!, ctx);
      const y = cb(b!, ctx);
      if (x === null || y === null || x.hasZeroInDate() || y.hasZeroInDate()) return null;
      return x.toDays() - y.toDays();
    });
    return { type: intResult(20), args, impl };
  }),
);

/** b - a in microseconds (days and time of day apart: day 0 counts overflow 2^53). */
function microsBetween(a: MyTime, b: MyTime): number {
  return (b.toDays() - a.toDays()) * 86_400_000_000 + (b.microsOfDay() - a.microsOfDay());
}

function clampedDuration(micros: number, fsp: number, ctx: EvalContext): Duration | null {
  const r = Duration.fromMicros(micros, fsp);
  if (r.truncated) warnIncorrectValue(ctx, 'time', String(micros / 1e6));
  return r.value;
}

defineFunction(
  'timediff',
  fnClass(2, 2, (args) => {
    const [a, b] = args as [Expression, Expression];
    const fsp = Math.max(argFsp(a), argFsp(b));
    const kind = (e: Expression): 'time' | 'datetime' | 'string' =>
      e.evalType === EvalType.Duration ? 'time' : e.evalType === EvalType.Datetime ? 'datetime' : 'string';
    const [ka, kb] = [kind(a), kind(b)];
    const [sa, sb] = [strConv(a, false), strConv(b, false)];
    const [ta, tb] = [timeConv(a), timeConv(b)];
    const [da, db] = [durationConv(a, MAX_FSP), durationConv(b, MAX_FSP)];
    /** The micros of a value and whether it is a datetime (else a time); null when unreadable. */
    const read = (k: string, v: Value, s: (v: Value) => string, tc: typeof ta, dc: typeof da, ctx: EvalContext) => {
      const isDt = k === 'datetime' || (k === 'string' && looksLikeDatetime(s(v)));
      if (isDt) {
        const t = tc(v, ctx);
        return t === null ? null : { dt: true, micros: 0, time: t };
      }
      const d = dc(v, ctx);
      return d === null ? null : { dt: false, micros: d.micros, time: undefined };
    };
    const sig =
      ka === 'time' && kb === 'time'
        ? 'DurationDurationTimeDiff'
        : ka === 'datetime' && kb === 'datetime'
          ? 'TimeTimeTimeDiff'
          : 'StringStringTimeDiff';
    const impl = strictImpl(sig, ([x, y], ctx) => {
      const p = read(ka, x!, sa, ta, da, ctx);
      const q = read(kb, y!, sb, tb, db, ctx);
      if (p === null || q === null || p.dt !== q.dt) return null;
      const diff = p.time && q.time ? microsBetween(q.time, p.time) : p.micros - q.micros;
      return clampedDuration(diff, fsp, ctx);
    });
    return { type: durationType(fsp), args, impl };
  }),
);

/** Whole months from a to b, counting a month only when its day and time are reached. */
function monthsBetween(a: MyTime, b: MyTime): number {
  let m = b.year * 12 + b.month - (a.year * 12 + a.month);
  const restA = a.day * 86_400_000_000 + a.microsOfDay();
  const restB = b.day * 86_400_000_000 + b.microsOfDay();
  if (m > 0 && restB < restA) m--;
  else if (m < 0 && restB > restA) m++;
  return m;
}

const DIFF_MICROS: Record<string, number> = {
  MICROSECOND: 1,
  SECOND: 1e6,
  MINUTE: 6e7,
  HOUR: 3.6e9,
  DAY: 8.64e10,
  WEEK: 6.048e11,
};

defineFunction(
  'timestampdiff',
  fnClass(3, 3, (args, _bctx, name) => {
    const unit = unitArg(args[0], name);
    const [ca, cb] = [timeConv(args[1]!), timeConv(args[2]!)];
    const per = DIFF_MICROS[unit];
    const months = unit === 'MONTH' ? 1 : unit === 'QUARTER' ? 3 : unit === 'YEAR' ? 12 : 0;
    if (per === undefined && months === 0) throw sqlError(ER.WRONG_ARGUMENTS, name);
    const impl = strictImpl('TimestampDiff', ([_u, a, b], ctx) => {
      const x = ca(a!, ctx);
      const y = cb(b!, ctx);
      if (x === null || y === null || x.hasZeroInDate() || y.hasZeroInDate()) return null;
      if (months) return Math.trunc(monthsBetween(x, y) / months);
      return Math.trunc(microsBetween(x, y) / per!);
    });
    return { type: intResult(20), args, impl };
  }),
);

// ---- EXTRACT ----

interface ClockParts {
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
}

function extractClock(unit: string, p: ClockParts): number | null {
  const hms = p.hour * 10000 + p.minute * 100 + p.second;
  switch (unit) {
    case 'MICROSECOND':
      return p.micro;
    case 'SECOND':
      return p.second;
    case 'MINUTE':
      return p.minute;
    case 'HOUR':
      return p.hour;
    case 'SECOND_MICROSECOND':
      return p.second * 1e6 + p.micro;
    case 'MINUTE_MICROSECOND':
      return (p.minute * 100 + p.second) * 1e6 + p.micro;
    case 'MINUTE_SECOND':
      return p.minute * 100 + p.second;
    case 'HOUR_MICROSECOND':
      return hms * 1e6 + p.micro;
    case 'HOUR_SECOND':
      return hms;
    case 'HOUR_MINUTE':
      return p.hour * 100 + p.minute;
    case 'DAY_MICROSECOND':
      return (p.day * 1e6 + hms) * 1e6 + p.micro;
    case 'DAY_SECOND':
      return p.day * 1e6 + hms;
    case 'DAY_MINUTE':
      return p.day * 1e4 + p.hour * 100 + p.minute;
    case 'DAY_HOUR':
      return p.day * 100 + p.hour;
    case 'DAY':
      return p.day;
  }
  return null;
}

export function extractFromTime(unit: string, t: MyTime): number | null {
  switch (unit) {
    case 'YEAR':
      return t.year;
    case 'QUARTER':
      return Math.ceil(t.month / 3);
    case 'MONTH':
      return t.month;
    case 'WEEK':
      return t.hasZeroInDate() ? null : t.week(0);
    case 'YEAR_MONTH':
      return t.year * 100 + t.month;
  }
  return extractClock(unit, { day: t.day, hour: t.hour, minute: t.minute, second: t.second, micro: t.microsecond });
}

export function extractFromDuration(unit: string, d: Duration): number | null {
  const parts = {
    day: Math.floor(d.hours / 24),
    hour: d.hours % 24,
    minute: d.minutes,
    second: d.seconds,
    micro: d.microsecond,
  };
  const v = extractClock(unit, unit.startsWith('DAY') ? parts : { ...parts, hour: d.hours });
  return v === null ? null : d.negative ? -v : v;
}

function extractType(unit: string): FieldType {
  return intResult(unit.endsWith('MICROSECOND') ? 20 : 11);
}

defineFunction(
  'extract',
  fnClass(2, 2, (args, _bctx, name) => {
    const unit = unitArg(args[0], name);
    const arg = args[1]!;
    const clockUnit = TIME_UNITS.has(unit) || unit.startsWith('DAY_');
    if (
      arg.evalType === EvalType.Duration ||
      (clockUnit && arg.evalType !== EvalType.Datetime && !looksDateLike(arg))
    ) {
      const conv = durationConv(arg);
      const impl = strictImpl('ExtractDuration', ([_u, v], ctx) => {
        const d = conv(v!, ctx);
        return d === null ? null : extractFromDuration(unit, d);
      });
      return { type: extractType(unit), args, impl };
    }
    const conv = timeConv(arg);
    const impl = strictImpl('ExtractDatetime', ([_u, v], ctx) => {
      const t = conv(v!, ctx);
      return t === null ? null : extractFromTime(unit, t);
    });
    return { type: extractType(unit), args, impl };
  }),
);

/** A string or number argument of EXTRACT is read as a datetime unless it only holds a time. */
function looksDateLike(e: Expression): boolean {
  return e.evalType !== EvalType.String || !(constString(e) !== undefined && /^\s*-?\d*:\d/.test(constString(e)!));
}
