// Date/time builtins that render, parse or move between time scales: DATE_FORMAT, TIME_FORMAT,
// STR_TO_DATE, GET_FORMAT, UNIX_TIMESTAMP, FROM_UNIXTIME and CONVERT_TZ.
import { ER, warningFrom } from '../../errors/index.js';
import { Decimal } from '../../types/decimal.js';
import { EvalType, MAX_FSP, TypeCode, UNSPECIFIED } from '../../types/field-type.js';
import { Duration, MyTime, validFields } from '../../types/time.js';
import { dateFormat, strToDate, strToDateType, timeFormat } from '../../types/time-format.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { defineFunction } from '../function.js';
import {
  connectionCollation,
  constString,
  decimalResult,
  fnClass,
  intResult,
  lenientImpl,
  strConv,
  stringResult,
  strictImpl,
} from './string-common.js';
import { argFsp, dateType, datetimeType, durationConv, durationType, timeConv } from './time-common.js';

defineFunction(
  'date_format',
  fnClass(2, 2, (args, bctx) => {
    const conv = timeConv(args[0]!);
    const fmt = strConv(args[1]!, false);
    const impl = strictImpl('DateFormatSig', ([t, f], ctx) => {
      const time = conv(t!, ctx);
      return time === null ? null : dateFormat(time, fmt(f!));
    });
    return { type: stringResult(UNSPECIFIED, connectionCollation(bctx)), args, impl };
  }),
);

defineFunction(
  'time_format',
  fnClass(2, 2, (args, bctx) => {
    const conv = durationConv(args[0]!);
    const fmt = strConv(args[1]!, false);
    const impl = strictImpl('TimeFormat', ([t, f], ctx) => {
      const d = conv(t!, ctx);
      return d === null ? null : timeFormat(d, fmt(f!));
    });
    return { type: stringResult(UNSPECIFIED, connectionCollation(bctx)), args, impl };
  }),
);

function warnStrToDate(ctx: EvalContext, s: string): null {
  ctx.appendWarning(warningFrom(ER.WRONG_VALUE_FOR_TYPE, 'datetime', s, 'str_to_date'));
  return null;
}

defineFunction(
  'str_to_date',
  fnClass(2, 2, (args) => {
    const text = strConv(args[0]!, false);
    const fmt = strConv(args[1]!, false);
    const constFmt = constString(args[1]);
    const { tp, fsp } = constFmt === undefined ? { tp: TypeCode.Datetime, fsp: MAX_FSP } : strToDateType(constFmt);
    const type = tp === TypeCode.Date ? dateType() : tp === TypeCode.Duration ? durationType(fsp) : datetimeType(fsp);
    const sig =
      tp === TypeCode.Date ? 'StrToDateDate' : tp === TypeCode.Duration ? 'StrToDateDuration' : 'StrToDateDatetime';
    const impl = strictImpl(sig, ([sv, fv], ctx) => {
      const s = text(sv!);
      const r = strToDate(s, fmt(fv!));
      if (r === null) return warnStrToDate(ctx, s);
      if (r.truncated) ctx.appendWarning(warningFrom(ER.TRUNCATED_WRONG_VALUE, 'datetime', s));
      if (tp === TypeCode.Duration) {
        const micros = ((r.hour * 60 + r.minute) * 60 + r.second) * 1_000_000 + r.microsecond;
        return Duration.fromMicros(micros, fsp).value;
      }
      if (!validFields(r, ctx)) return warnStrToDate(ctx, s);
      const t = new MyTime(r.year, r.month, r.day, r.hour, r.minute, r.second, r.microsecond, TypeCode.Datetime, 6);
      return t.withType(tp, fsp);
    });
    return { type, args, impl };
  }),
);

const FORMATS: Record<string, Record<string, string>> = {
  DATE: { USA: '%m.%d.%Y', JIS: '%Y-%m-%d', ISO: '%Y-%m-%d', EUR: '%d.%m.%Y', INTERNAL: '%Y%m%d' },
  DATETIME: {
    USA: '%Y-%m-%d %H.%i.%s',
    JIS: '%Y-%m-%d %H:%i:%s',
    ISO: '%Y-%m-%d %H:%i:%s',
    EUR: '%Y-%m-%d %H.%i.%s',
    INTERNAL: '%Y%m%d%H%i%s',
  },
  TIME: { USA: '%h:%i:%s %p', JIS: '%H:%i:%s', ISO: '%H:%i:%s', EUR: '%H.%i.%s', INTERNAL: '%H%i%s' },
};
FORMATS.TIMESTAMP = FORMATS.DATETIME!;

defineFunction(
  'get_format',
  fnClass(2, 2, (args, bctx) => {
    const [kind, locale] = [strConv(args[0]!, false), strConv(args[1]!, false)];
    const impl = strictImpl(
      'GetFormat',
      ([k, l]) => FORMATS[kind(k!).toUpperCase()]?.[locale(l!).toUpperCase()] ?? null,
    );
    return { type: stringResult(17, connectionCollation(bctx)), args, impl };
  }),
);

// ---- Unix time ----

/** FROM_UNIXTIME accepts 0 .. 32536771199.999999 (3001-01-19 03:14:07.999999 UTC). */
const MAX_UNIX_SECONDS = 32536771199;

const pad6 = (n: number): string => String(n).padStart(6, '0');

/** The exact Unix time of t as seconds and microseconds; 0 outside TIMESTAMP's range, as MySQL returns. */
function unixParts(t: MyTime, tzOffset: number): [number, number] {
  if (t.hasZeroInDate()) return [0, 0];
  const secs = Math.floor(t.toUnix(tzOffset) - t.microsecond / 1e6 + 0.5);
  if (secs < 0 || secs > MAX_UNIX_SECONDS) return [0, 0];
  return [secs, t.microsecond];
}

defineFunction(
  'unix_timestamp',
  fnClass(0, 1, (args) => {
    if (args.length === 0) {
      const impl = strictImpl('UnixTimestampCurrent', (_v, ctx) => Math.floor(ctx.stmtTimeMicros / 1e6), {
        deterministic: false,
      });
      return { type: intResult(11), args, impl };
    }
    const conv = timeConv(args[0]!);
    const fsp = args[0]!.evalType === EvalType.Int ? 0 : argFsp(args[0]!);
    if (fsp === 0) {
      const impl = strictImpl('UnixTimestampInt', ([v], ctx) => {
        const t = conv(v!, ctx);
        return t === null ? 0 : unixParts(t.withType(TypeCode.Datetime, 0), ctx.timeZoneOffsetMinutes)[0];
      });
      return { type: intResult(11), args, impl };
    }
    const impl = strictImpl('UnixTimestampDec', ([v], ctx) => {
      const t = conv(v!, ctx);
      if (t === null) return Decimal.ZERO.rescale(fsp);
      const [secs, micros] = unixParts(t.withType(TypeCode.Datetime, fsp), ctx.timeZoneOffsetMinutes);
      return Decimal.parse(`${secs}.${pad6(micros)}`)!.truncate(fsp);
    });
    return { type: decimalResult(12 + fsp, fsp), args, impl };
  }),
);

/** Seconds and microseconds of a FROM_UNIXTIME argument; null when negative, too large or not a number. */
function unixSeconds(v: Value): [number, number] | null {
  let secs: number;
  let micros = 0;
  if (typeof v === 'number' || typeof v === 'bigint') {
    const n = Number(v);
    secs = Math.floor(n);
    micros = Math.round((n - secs) * 1e6);
  } else {
    const d = v instanceof Decimal ? v : Decimal.parse(String(v));
    if (d === null) return null;
    const whole = d.truncate(6).floor();
    secs = Number(whole.toString());
    micros = Number(d.truncate(6).sub(whole).rescale(6).coef);
  }
  if (secs < 0 || secs > MAX_UNIX_SECONDS) return null;
  return [secs, micros];
}

defineFunction(
  'from_unixtime',
  fnClass(1, 2, (args, bctx) => {
    const fsp = args[0]!.evalType === EvalType.Int ? 0 : argFsp(args[0]!);
    const toTime = (v: Value, ctx: EvalContext): MyTime | null => {
      const p = unixSeconds(v);
      return p === null ? null : MyTime.fromUnix(p[0], p[1], ctx.timeZoneOffsetMinutes, fsp);
    };
    if (args.length === 1) {
      return { type: datetimeType(fsp), args, impl: strictImpl('FromUnixTime1Arg', ([v], ctx) => toTime(v!, ctx)) };
    }
    const fmt = strConv(args[1]!, false);
    const impl = strictImpl('FromUnixTime2Arg', ([v, f], ctx) => {
      const t = toTime(v!, ctx);
      return t === null ? null : dateFormat(t, fmt(f!));
    });
    return { type: stringResult(UNSPECIFIED, connectionCollation(bctx)), args, impl };
  }),
);

// ---- Time zones ----

/** Offset in minutes of a '+HH:MM' zone (or UTC); null for names this engine has no tables for. */
export function zoneOffsetMinutes(zone: string, sessionOffset: number): number | null {
  const z = zone.trim();
  const m = /^([+-])(\d{1,2}):(\d{2})$/.exec(z);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    if (Number(m[3]) > 59) return null;
    const off = m[1] === '-' ? -minutes : minutes;
    return off < -13 * 60 - 59 || off > 14 * 60 ? null : off;
  }
  const upper = z.toUpperCase();
  if (upper === 'UTC' || upper === 'GMT' || upper === 'ETC/UTC' || upper === 'Z') return 0;
  if (upper === 'SYSTEM') return sessionOffset;
  return null;
}

defineFunction(
  'convert_tz',
  fnClass(3, 3, (args) => {
    const conv = timeConv(args[0]!);
    const fsp = argFsp(args[0]!);
    const [from, to] = [strConv(args[1]!, false), strConv(args[2]!, false)];
    const impl = lenientImpl('ConvertTz', ([v, f, t], ctx) => {
      if (v === null || f === null || t === null) return null;
      const time = conv(v!, ctx);
      const a = zoneOffsetMinutes(from(f!), ctx.timeZoneOffsetMinutes);
      const b = zoneOffsetMinutes(to(t!), ctx.timeZoneOffsetMinutes);
      if (time === null || a === null || b === null) return null;
      const dt = time.withType(TypeCode.Datetime, fsp);
      // Values outside TIMESTAMP's range are returned unconverted, as MySQL does.
      if (!dt.isTimestampInRange(a)) return dt;
      return dt.convertTz(a, b);
    });
    return { type: datetimeType(fsp), args, impl };
  }),
);
