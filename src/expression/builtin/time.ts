// Date/time builtins: the current time (NOW, CURDATE, CURTIME, UTC_*, SYSDATE), DATE/TIME/TIMESTAMP
// constructors and the field extractors (YEAR ... MICROSECOND, WEEK, DAYNAME...).
import { TypeCode } from '../../types/field-type.js';
import { Duration, MyTime } from '../../types/time.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import type { Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import {
  connectionCollation,
  fnClass,
  intConv,
  intResult,
  smallInt,
  stringResult,
  strictImpl,
} from './string-common.js';
import {
  argFsp,
  calendarDate,
  DAY_NAMES,
  dateConv,
  dateType,
  datetimeType,
  durationConv,
  durationType,
  fspArg,
  MONTH_NAMES,
  statementNow,
  type TimeConv,
  timeConv,
  timeOfDayConv,
} from './time-common.js';

const VOLATILE = { deterministic: false } as const;

/** NOW() and its synonyms: the statement's start time, the same for every row. */
defineFunction(
  ['now', 'current_timestamp', 'localtime', 'localtimestamp'],
  fnClass(0, 1, (args, _bctx, name) => {
    const fsp = fspArg(args[0], name);
    const sig = args.length ? 'NowWithArg' : 'NowWithoutArg';
    const impl = strictImpl(sig, (_v, ctx) => statementNow(ctx, TypeCode.Datetime, fsp), VOLATILE);
    return { type: datetimeType(fsp), args, impl };
  }),
);

/** SYSDATE(): the time of evaluation, changing within a statement. */
defineFunction(
  'sysdate',
  fnClass(0, 1, (args, _bctx, name) => {
    const fsp = fspArg(args[0], name);
    const sig = args.length ? 'SysDateWithFsp' : 'SysDateWithoutFsp';
    const impl = strictImpl(
      sig,
      (_v, ctx) => MyTime.now(Date.now() * 1000, ctx.timeZoneOffsetMinutes, TypeCode.Datetime, fsp),
      VOLATILE,
    );
    return { type: datetimeType(fsp), args, impl };
  }),
);

defineFunction(
  ['curdate', 'current_date'],
  fnClass(0, 0, (args) => ({
    type: dateType(),
    args,
    impl: strictImpl('CurrentDate', (_v, ctx) => statementNow(ctx, TypeCode.Date, 0), VOLATILE),
  })),
);

function timeOfDay(t: MyTime, fsp: number): Duration {
  return new Duration(t.microsOfDay(), fsp);
}

defineFunction(
  ['curtime', 'current_time'],
  fnClass(0, 1, (args, _bctx, name) => {
    const fsp = fspArg(args[0], name);
    const sig = args.length ? 'CurrentTime1Arg' : 'CurrentTime0Arg';
    const impl = strictImpl(sig, (_v, ctx) => timeOfDay(statementNow(ctx, TypeCode.Datetime, fsp), fsp), VOLATILE);
    return { type: durationType(fsp), args, impl };
  }),
);

const utcNow = (ctx: EvalContext, tp: number, fsp: number): MyTime => MyTime.now(ctx.stmtTimeMicros, 0, tp, fsp);

defineFunction(
  'utc_date',
  fnClass(0, 0, (args) => ({
    type: dateType(),
    args,
    impl: strictImpl('UTCDate', (_v, ctx) => utcNow(ctx, TypeCode.Date, 0), VOLATILE),
  })),
);

defineFunction(
  'utc_time',
  fnClass(0, 1, (args, _bctx, name) => {
    const fsp = fspArg(args[0], name);
    const sig = args.length ? 'UTCTimeWithArg' : 'UTCTimeWithoutArg';
    const impl = strictImpl(sig, (_v, ctx) => timeOfDay(utcNow(ctx, TypeCode.Datetime, fsp), fsp), VOLATILE);
    return { type: durationType(fsp), args, impl };
  }),
);

defineFunction(
  'utc_timestamp',
  fnClass(0, 1, (args, _bctx, name) => {
    const fsp = fspArg(args[0], name);
    const sig = args.length ? 'UTCTimestampWithArg' : 'UTCTimestampWithoutArg';
    const impl = strictImpl(sig, (_v, ctx) => utcNow(ctx, TypeCode.Datetime, fsp), VOLATILE);
    return { type: datetimeType(fsp), args, impl };
  }),
);

// ---- Constructors ----

defineFunction(
  'date',
  fnClass(1, 1, (args) => {
    const conv = dateConv(args[0]!);
    return { type: dateType(), args, impl: strictImpl('Date', ([v], ctx) => conv(v!, ctx)) };
  }),
);

defineFunction(
  'time',
  fnClass(1, 1, (args) => {
    const fsp = argFsp(args[0]!);
    const conv = durationConv(args[0]!, fsp);
    return { type: durationType(fsp), args, impl: strictImpl('Time', ([v], ctx) => conv(v!, ctx)) };
  }),
);

defineFunction(
  'timestamp',
  fnClass(1, 2, (args) => {
    const conv = timeConv(args[0]!);
    const fsp = Math.max(argFsp(args[0]!), args[1] ? argFsp(args[1]) : 0);
    if (args.length === 1) {
      const impl = strictImpl('Timestamp1Arg', ([v], ctx) => conv(v!, ctx)?.withType(TypeCode.Datetime, fsp) ?? null);
      return { type: datetimeType(fsp), args, impl };
    }
    const add = durationConv(args[1]!);
    const impl = strictImpl('Timestamp2Args', ([v, d], ctx) => {
      const t = conv(v!, ctx);
      const dur = add(d!, ctx);
      if (t === null || dur === null) return null;
      return t.withType(TypeCode.Datetime, fsp).addMicros(dur.micros)?.withType(TypeCode.Datetime, fsp) ?? null;
    });
    return { type: datetimeType(fsp), args, impl };
  }),
);

// ---- Field extractors ----

/** A function of the argument read as a date/datetime; NULL when the conversion fails. */
function fromTime(sig: string, flen: number, f: (t: MyTime, args: Value[], ctx: EvalContext) => Value, date = false) {
  return (args: Expression[]) => {
    const conv: TimeConv = date ? dateConv(args[0]!) : timeConv(args[0]!);
    const impl = strictImpl(sig, (vals, ctx) => {
      const t = conv(vals[0]!, ctx);
      return t === null ? null : f(t, vals, ctx);
    });
    return { type: intResult(flen), args, impl };
  };
}

function extractor(name: string | string[], sig: string, flen: number, f: (t: MyTime) => Value) {
  defineFunction(
    name,
    fnClass(
      1,
      1,
      fromTime(sig, flen, (t) => f(t)),
    ),
  );
}

extractor('year', 'Year', 4, (t) => t.year);
extractor('month', 'Month', 2, (t) => t.month);
extractor(['day', 'dayofmonth'], 'DayOfMonth', 2, (t) => t.day);
extractor('quarter', 'Quarter', 1, (t) => Math.ceil(t.month / 3));
extractor('dayofweek', 'DayOfWeek', 1, (t) => (calendarDate(t) ? ((t.weekday() + 1) % 7) + 1 : null));
extractor('weekday', 'WeekDay', 1, (t) => (calendarDate(t) ? t.weekday() : null));
extractor('dayofyear', 'DayOfYear', 3, (t) => (calendarDate(t) ? t.dayOfYear() : null));
extractor('weekofyear', 'WeekOfYear', 2, (t) => (calendarDate(t) ? t.week(3) : null));
extractor('to_days', 'ToDays', 20, (t) => (calendarDate(t) ? t.toDays() : null));
extractor('to_seconds', 'ToSeconds', 20, (t) => (calendarDate(t) ? t.toSeconds() : null));

/** WEEK and YEARWEEK: the mode argument defaults to 0 (default_week_format). */
function weekFunction(sigBase: string, flen: number, f: (t: MyTime, mode: number) => number) {
  return fnClass(1, 2, (args) => {
    const mode = args[1] ? intConv(args[1]) : undefined;
    const sig = `${sigBase}${args.length === 2 ? 'WithMode' : 'WithoutMode'}`;
    return fromTime(sig, flen, (t, vals, ctx) => {
      if (!calendarDate(t)) return null;
      return f(t, mode ? smallInt(mode(vals[1]!, ctx)) & 7 : 0);
    })(args);
  });
}
defineFunction(
  'week',
  weekFunction('Week', 2, (t, m) => t.week(m)),
);
defineFunction(
  'yearweek',
  weekFunction('YearWeek', 6, (t, m) => t.yearWeek(m)),
);

function nameFunction(sig: string, flen: number, f: (t: MyTime) => string | null) {
  return fnClass(1, 1, (args, bctx) => {
    const conv = timeConv(args[0]!);
    const impl = strictImpl(sig, ([v], ctx) => {
      const t = conv(v!, ctx);
      return t === null ? null : f(t);
    });
    return { type: stringResult(flen, connectionCollation(bctx)), args, impl };
  });
}
defineFunction(
  'monthname',
  nameFunction('MonthName', 10, (t) => MONTH_NAMES[t.month - 1] ?? null),
);
defineFunction(
  'dayname',
  nameFunction('DayName', 9, (t) => (calendarDate(t) ? DAY_NAMES[t.weekday()]! : null)),
);

/** HOUR, MINUTE, SECOND, MICROSECOND read their argument as TIME (datetimes give their time of day). */
function clockField(sig: string, flen: number, f: (d: Duration) => number) {
  return fnClass(1, 1, (args) => {
    const conv = timeOfDayConv(args[0]!);
    const impl = strictImpl(sig, ([v], ctx) => {
      const d = conv(v!, ctx);
      return d === null ? null : f(d);
    });
    return { type: intResult(flen), args, impl };
  });
}
defineFunction(
  'hour',
  clockField('Hour', 3, (d) => d.hours),
);
defineFunction(
  'minute',
  clockField('Minute', 2, (d) => d.minutes),
);
defineFunction(
  'second',
  clockField('Second', 2, (d) => d.seconds),
);
defineFunction(
  'microsecond',
  clockField('MicroSecond', 6, (d) => d.microsecond),
);
