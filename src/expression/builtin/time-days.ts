// Date/time builtins that build values from numbers: FROM_DAYS, LAST_DAY, MAKEDATE, MAKETIME,
// SEC_TO_TIME, TIME_TO_SEC, PERIOD_ADD and PERIOD_DIFF.
import { ER, sqlError } from '../../errors/index.js';
import { Decimal } from '../../types/decimal.js';
import { EvalType, TypeCode } from '../../types/field-type.js';
import { Duration, MyTime } from '../../types/time.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import type { Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import { fnClass, intConv, intResult, smallInt, strictImpl } from './string-common.js';
import { argFsp, dateConv, dateType, durationConv, durationType, warnTruncated } from './time-common.js';
import { toDecimal } from '../../types/convert.js';

defineFunction(
  'from_days',
  fnClass(1, 1, (args) => {
    const conv = intConv(args[0]!);
    const impl = strictImpl('FromDays', ([v], ctx) => MyTime.fromDays(smallInt(conv(v!, ctx))));
    return { type: dateType(), args, impl };
  }),
);

defineFunction(
  'last_day',
  fnClass(1, 1, (args) => {
    const conv = dateConv(args[0]!);
    const impl = strictImpl('LastDay', ([v], ctx) => {
      const t = conv(v!, ctx);
      return t === null || t.isZero() ? null : t.lastDay();
    });
    return { type: dateType(), args, impl };
  }),
);

defineFunction(
  'makedate',
  fnClass(2, 2, (args) => {
    const [yc, dc] = [intConv(args[0]!), intConv(args[1]!)];
    const impl = strictImpl('MakeDate', ([y, d], ctx) => {
      let year = smallInt(yc(y!, ctx));
      const day = smallInt(dc(d!, ctx));
      if (day <= 0 || year < 0 || year > 9999) return null;
      if (year < 70) year += 2000;
      else if (year < 100) year += 1900;
      const first = new MyTime(year, 1, 1, 0, 0, 0, 0, TypeCode.Date, 0);
      const days = first.toDays() + day - 1;
      const r = MyTime.fromDays(days);
      return r.isZero() || r.year > 9999 ? null : r;
    });
    return { type: dateType(), args, impl };
  }),
);

/** A seconds argument as exact microseconds (fractions kept for REAL, DECIMAL and strings). */
function microsConv(e: Expression): (v: Value, ctx: EvalContext) => number {
  if (e.evalType === EvalType.Int) return (v) => Number(v) * 1e6;
  return (v, ctx) => Number(toDecimal(v, ctx).mul(Decimal.fromInt(1_000_000)).round(0).toString());
}

defineFunction(
  'maketime',
  fnClass(3, 3, (args) => {
    const [hc, mc] = [intConv(args[0]!), intConv(args[1]!)];
    const sc = microsConv(args[2]!);
    const fsp = argFsp(args[2]!);
    const impl = strictImpl('MakeTime', ([h, m, s], ctx) => {
      const hour = smallInt(hc(h!, ctx));
      const minute = smallInt(mc(m!, ctx));
      const micros = sc(s!, ctx);
      if (minute < 0 || minute > 59 || micros < 0 || micros >= 60e6) return null;
      const abs = (Math.abs(hour) * 3600 + minute * 60) * 1e6 + micros;
      const r = Duration.fromMicros(hour < 0 ? -abs : abs, fsp);
      if (r.truncated) warnTruncated(ctx, 'time', `${hour}:${minute}:${micros / 1e6}`);
      return r.value;
    });
    return { type: durationType(fsp), args, impl };
  }),
);

defineFunction(
  'sec_to_time',
  fnClass(1, 1, (args) => {
    const conv = microsConv(args[0]!);
    const fsp = argFsp(args[0]!);
    const impl = strictImpl('SecToTime', ([v], ctx) => {
      const r = Duration.fromMicros(conv(v!, ctx), fsp);
      if (r.truncated) warnTruncated(ctx, 'time', String(v));
      return r.value;
    });
    return { type: durationType(fsp), args, impl };
  }),
);

defineFunction(
  'time_to_sec',
  fnClass(1, 1, (args) => {
    const conv = durationConv(args[0]!);
    const impl = strictImpl('TimeToSec', ([v], ctx) => {
      const d = conv(v!, ctx);
      return d === null ? null : Math.trunc(d.micros / 1e6);
    });
    return { type: intResult(10), args, impl };
  }),
);

/** A period YYMM or YYYYMM as a month count; two-digit years as in dates (70-99 → 19xx). */
function periodToMonths(p: number): number {
  if (p === 0) return 0;
  let year = Math.floor(p / 100);
  if (year < 70) year += 2000;
  else if (year < 100) year += 1900;
  return year * 12 + (p % 100) - 1;
}

function monthsToPeriod(m: number): number {
  if (m === 0) return 0;
  return Math.floor(m / 12) * 100 + (m % 12) + 1;
}

function validPeriod(p: number, fn: string): number {
  const month = p % 100;
  if (p < 0 || (p !== 0 && (month < 1 || month > 12))) throw sqlError(ER.WRONG_ARGUMENTS, fn);
  return p;
}

defineFunction(
  'period_add',
  fnClass(2, 2, (args) => {
    const [pc, nc] = [intConv(args[0]!), intConv(args[1]!)];
    const impl = strictImpl('PeriodAdd', ([p, n], ctx) => {
      const period = validPeriod(smallInt(pc(p!, ctx)), 'period_add');
      return monthsToPeriod(periodToMonths(period) + smallInt(nc(n!, ctx)));
    });
    return { type: intResult(6), args, impl };
  }),
);

defineFunction(
  'period_diff',
  fnClass(2, 2, (args) => {
    const [ac, bc] = [intConv(args[0]!), intConv(args[1]!)];
    const impl = strictImpl('PeriodDiff', ([a, b], ctx) => {
      const p1 = validPeriod(smallInt(ac(a!, ctx)), 'period_diff');
      const p2 = validPeriod(smallInt(bc(b!, ctx)), 'period_diff');
      return periodToMonths(p1) - periodToMonths(p2);
    });
    return { type: intResult(6), args, impl };
  }),
);
