// MySQL DATE, DATETIME and TIMESTAMP values (MyTime), and the re-exports of TIME (Duration) and
// the calendar helpers, so that callers import every temporal type from one module.
import type { TypeContext } from './context.js';
import { TypeCode } from './field-type.js';
import {
  calcWeek,
  daysInMonth,
  dayNumber,
  fromDayNumber,
  MAX_DAY_NUMBER,
  UNIX_EPOCH_DAY,
  weekdayOfDayNumber,
} from './time-calendar.js';
import {
  numberDatetimeFields,
  parseDatetimeFields,
  roundFraction,
  splitNumber,
  type TimeFields,
} from './time-parse.js';

export { Duration } from './duration.js';
export { daysInMonth, isLeapYear } from './time-calendar.js';
export type { TimeFields } from './time-parse.js';

const MICROS_PER_DAY = 86_400_000_000;
/** The last valid TIMESTAMP, 2038-01-19 03:14:07.999999 UTC, in Unix seconds. */
const MAX_TIMESTAMP_SECONDS = 2147483647;

/** Clamps a requested fractional-seconds precision (UNSPECIFIED included) to 0..6. */
export function normalizeFsp(fsp: number): number {
  return fsp >= 0 && fsp <= 6 ? Math.trunc(fsp) : fsp > 6 ? 6 : 0;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Whether fields form a value MySQL accepts under the context's sql_mode: ranges, days within
 * the month (unless ALLOW_INVALID_DATES), zero parts (NO_ZERO_IN_DATE) and zero dates (NO_ZERO_DATE).
 */
export function validFields(f: TimeFields, ctx: TypeContext): boolean {
  if (f.year < 0 || f.year > 9999 || f.month < 0 || f.month > 12 || f.day < 0 || f.day > 31) return false;
  if (f.hour < 0 || f.hour > 23 || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 59) return false;
  const notZero = f.year || f.month || f.day || f.hour || f.minute || f.second || f.microsecond;
  if (!notZero) return !ctx.noZeroDate;
  if (f.month === 0 || f.day === 0) return !ctx.noZeroInDate;
  return ctx.allowInvalidDates || f.day <= daysInMonth(f.year, f.month);
}

/** Adds one second to fields in place, carrying through the calendar; false past 9999-12-31. */
function carrySecond(f: TimeFields): boolean {
  if (++f.second < 60) return true;
  f.second = 0;
  if (++f.minute < 60) return true;
  f.minute = 0;
  if (++f.hour < 24) return true;
  f.hour = 0;
  if (f.month === 0 || f.day === 0) return false;
  if (++f.day <= daysInMonth(f.year, f.month)) return true;
  f.day = 1;
  if (++f.month <= 12) return true;
  f.month = 1;
  return ++f.year <= 9999;
}

/** An immutable DATE, DATETIME or TIMESTAMP value (a wall-clock time; TIMESTAMP is in the session zone). */
export class MyTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
  /** TypeCode.Date, TypeCode.Datetime or TypeCode.Timestamp. */
  readonly tp: number;
  /** Fractional seconds precision, 0..6 (0 for Date). */
  readonly fsp: number;

  constructor(
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    microsecond: number,
    tp: number,
    fsp: number,
  ) {
    this.year = year;
    this.month = month;
    this.day = day;
    this.hour = hour;
    this.minute = minute;
    this.second = second;
    this.microsecond = microsecond;
    this.tp = tp;
    this.fsp = fsp;
  }

  static readonly ZERO_DATE = new MyTime(0, 0, 0, 0, 0, 0, 0, TypeCode.Date, 0);
  static readonly ZERO_DATETIME = new MyTime(0, 0, 0, 0, 0, 0, 0, TypeCode.Datetime, 0);

  /**
   * Builds a value of type tp from raw fields and fraction digits: validates under ctx, rounds the
   * fraction to fsp (half up, carrying into seconds and beyond) and drops the time for DATE.
   */
  static fromFields(f: TimeFields, fraction: string, tp: number, fsp: number, ctx: TypeContext): MyTime | null {
    const p = tp === TypeCode.Date ? 0 : normalizeFsp(fsp);
    if (!validFields(f, ctx)) return null;
    const g = { ...f };
    const r = roundFraction(fraction, p);
    g.microsecond = r.micro;
    if (r.carry && !carrySecond(g)) return null;
    if (tp === TypeCode.Date) return new MyTime(g.year, g.month, g.day, 0, 0, 0, 0, tp, 0);
    return new MyTime(g.year, g.month, g.day, g.hour, g.minute, g.second, g.microsecond, tp, p);
  }

  /**
   * Parses a date/datetime string; null when it is not a valid value. A trailing '+HH:MM' zone
   * converts the value to the session zone (ctx.timeZoneOffsetMinutes).
   */
  static parse(s: string, tp: number, fsp: number, ctx: TypeContext): MyTime | null {
    return MyTime.parseWithStatus(s, tp, fsp, ctx).value;
  }

  /** As parse, also telling whether trailing characters were ignored (MySQL warns then). */
  static parseWithStatus(
    s: string,
    tp: number,
    fsp: number,
    ctx: TypeContext,
  ): { value: MyTime | null; truncated: boolean } {
    const p = parseDatetimeFields(s);
    if (p === null) return { value: null, truncated: false };
    if (p.tzOffsetMinutes !== undefined) {
      // A value with an explicit zone is moved to the session zone, then takes the requested type.
      const abs = MyTime.fromFields(p.fields, p.fraction, TypeCode.Datetime, fsp, ctx);
      const local = abs?.convertTz(p.tzOffsetMinutes, ctx.timeZoneOffsetMinutes) ?? null;
      return { value: local?.withType(tp, local.fsp) ?? null, truncated: false };
    }
    return { value: MyTime.fromFields(p.fields, p.fraction, tp, fsp, ctx), truncated: p.truncated };
  }

  /** Converts a number in MySQL's numeric forms: 20231231, 231231, 20231231235959, 20231231235959.5. */
  static fromNumber(n: number | bigint, tp: number, fsp: number, ctx: TypeContext): MyTime | null {
    if (typeof n === 'number' && !Number.isFinite(n)) return null;
    const parts = splitNumber(n);
    if (parts.negative || parts.int.length > 14) return null;
    const r = numberDatetimeFields(Number(parts.int));
    if (r === null) return null;
    return MyTime.fromFields(r.fields, parts.frac, tp, fsp, ctx);
  }

  /** The wall-clock time of epochMicros in a zone, with the fraction cut to fsp (NOW(), SYSDATE()). */
  static now(epochMicros: number, tzOffsetMinutes: number, tp: number, fsp: number): MyTime {
    const p = tp === TypeCode.Date ? 0 : normalizeFsp(fsp);
    const local = epochMicros + tzOffsetMinutes * 60_000_000;
    const days = Math.floor(local / MICROS_PER_DAY);
    const t = MyTime.fromDayAndMicros(UNIX_EPOCH_DAY + days, local - days * MICROS_PER_DAY, tp, p);
    const unit = 10 ** (6 - p);
    if (tp === TypeCode.Date) return new MyTime(t.year, t.month, t.day, 0, 0, 0, 0, tp, 0);
    const micro = Math.floor(t.microsecond / unit) * unit;
    return new MyTime(t.year, t.month, t.day, t.hour, t.minute, t.second, micro, tp, p);
  }

  /** FROM_DAYS: the date of a day number; the zero date for days before 0001-01-01 or after 9999-12-31. */
  static fromDays(days: number): MyTime {
    const n = Math.trunc(days);
    if (n < 366 || n > MAX_DAY_NUMBER) return MyTime.ZERO_DATE;
    const [y, m, d] = fromDayNumber(n);
    return new MyTime(y, m, d, 0, 0, 0, 0, TypeCode.Date, 0);
  }

  /** FROM_UNIXTIME: the DATETIME at Unix time seconds + micros in a zone, fraction rounded to fsp. */
  static fromUnix(seconds: number, micros: number, tzOffsetMinutes: number, fsp: number): MyTime {
    const whole = Math.floor(seconds);
    const local = whole + tzOffsetMinutes * 60;
    const days = Math.floor(local / 86400);
    const tod = (local - days * 86400) * 1_000_000 + Math.round(micros + (seconds - whole) * 1_000_000);
    return MyTime.fromDayAndMicros(UNIX_EPOCH_DAY + days, tod, TypeCode.Datetime, 6).withType(TypeCode.Datetime, fsp);
  }

  /** A value from a day number and microseconds into that day (0 <= micros < one day). */
  private static fromDayAndMicros(day: number, micros: number, tp: number, fsp: number): MyTime {
    const [y, m, d] = fromDayNumber(day);
    const secs = Math.floor(micros / 1_000_000);
    return new MyTime(
      y,
      m,
      d,
      Math.floor(secs / 3600),
      Math.floor(secs / 60) % 60,
      secs % 60,
      micros - secs * 1_000_000,
      tp,
      fsp,
    );
  }

  compare(o: MyTime): number {
    return (
      this.year - o.year ||
      this.month - o.month ||
      this.day - o.day ||
      this.hour - o.hour ||
      this.minute - o.minute ||
      this.second - o.second ||
      this.microsecond - o.microsecond
    );
  }

  /** '0000-00-00' / '0000-00-00 00:00:00'. */
  isZero(): boolean {
    return this.compare(MyTime.ZERO_DATETIME) === 0;
  }

  /** Month or day is 0 (incomplete date, allowed without NO_ZERO_IN_DATE); date arithmetic gives NULL. */
  hasZeroInDate(): boolean {
    return this.month === 0 || this.day === 0;
  }

  private dateString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  toString(): string {
    if (this.tp === TypeCode.Date) return this.dateString();
    const base = `${this.dateString()} ${pad(this.hour, 2)}:${pad(this.minute, 2)}:${pad(this.second, 2)}`;
    return this.fsp > 0 ? `${base}.${pad(this.microsecond, 6).slice(0, this.fsp)}` : base;
  }

  /** The value in numeric context as exact digits: YYYYMMDD or YYYYMMDDHHMMSS[.ffffff cut to fsp]. */
  toNumberString(): string {
    const date = `${this.year}${pad(this.month, 2)}${pad(this.day, 2)}`;
    if (this.tp === TypeCode.Date) return String(Number(date));
    const whole = String(Number(`${date}${pad(this.hour, 2)}${pad(this.minute, 2)}${pad(this.second, 2)}`));
    return this.fsp > 0 ? `${whole}.${pad(this.microsecond, 6).slice(0, this.fsp)}` : whole;
  }

  /** The value in numeric context (t + 0): YYYYMMDD or YYYYMMDDHHMMSS[.frac]. */
  toNumber(): number {
    return Number(this.toNumberString());
  }

  /** The value as type tp with precision fsp, rounding the fraction (half up) as MySQL's CAST does. */
  withType(tp: number, fsp: number): MyTime {
    const p = tp === TypeCode.Date ? 0 : normalizeFsp(fsp);
    if (tp === this.tp && p === this.fsp) return this;
    const g: TimeFields = { ...this };
    const unit = 10 ** (6 - p);
    g.microsecond = Math.round(this.microsecond / unit) * unit;
    if (g.microsecond >= 1_000_000) {
      g.microsecond = 0;
      // Past 9999-12-31 23:59:59 (or on an incomplete date) the fraction is cut instead.
      if (!carrySecond(g)) return this.truncatedTo(tp, p);
    }
    if (tp === TypeCode.Date) return new MyTime(g.year, g.month, g.day, 0, 0, 0, 0, tp, 0);
    return new MyTime(g.year, g.month, g.day, g.hour, g.minute, g.second, g.microsecond, tp, p);
  }

  private truncatedTo(tp: number, p: number): MyTime {
    if (tp === TypeCode.Date) return new MyTime(this.year, this.month, this.day, 0, 0, 0, 0, tp, 0);
    const unit = 10 ** (6 - p);
    const micro = Math.floor(this.microsecond / unit) * unit;
    return new MyTime(this.year, this.month, this.day, this.hour, this.minute, this.second, micro, tp, p);
  }

  /** TO_DAYS: days since year 0. */
  toDays(): number {
    return dayNumber(this.year, this.month, this.day);
  }

  /** TO_SECONDS: seconds since 0000-01-01 00:00:00 (day 0). */
  toSeconds(): number {
    return this.toDays() * 86400 + this.hour * 3600 + this.minute * 60 + this.second;
  }

  /** Unix time in seconds (with fraction) of this wall-clock time in a zone. */
  toUnix(tzOffsetMinutes: number): number {
    const secs = (this.toDays() - UNIX_EPOCH_DAY) * 86400 + this.hour * 3600 + this.minute * 60 + this.second;
    return secs - tzOffsetMinutes * 60 + this.microsecond / 1_000_000;
  }

  /** Whether this wall-clock time in a zone is within TIMESTAMP's range (1970-01-01 00:00:01 .. 2038-01-19 03:14:07 UTC). */
  isTimestampInRange(tzOffsetMinutes: number): boolean {
    if (this.isZero()) return true;
    const s = this.toUnix(tzOffsetMinutes);
    return s >= 1 && s < MAX_TIMESTAMP_SECONDS + 1;
  }

  /** The same instant's wall-clock time in another zone (TIMESTAMP storage, CONVERT_TZ); zero stays zero. */
  convertTz(fromOffsetMinutes: number, toOffsetMinutes: number): MyTime | null {
    if (this.isZero() || fromOffsetMinutes === toOffsetMinutes) return this;
    return this.addMicros((toOffsetMinutes - fromOffsetMinutes) * 60_000_000);
  }

  /** WEEKDAY: 0 = Monday .. 6 = Sunday. */
  weekday(): number {
    return weekdayOfDayNumber(this.toDays(), false);
  }

  /** DAYOFYEAR: 1..366. */
  dayOfYear(): number {
    return this.toDays() - dayNumber(this.year, 1, 1) + 1;
  }

  /** WEEK(date, mode) for modes 0-7. */
  week(mode: number): number {
    return calcWeek(this.year, this.month, this.day, mode).week;
  }

  /** YEARWEEK(date, mode): year * 100 + week, the week counted within the year it belongs to. */
  yearWeek(mode: number): number {
    const w = calcWeek(this.year, this.month, this.day, mode, true);
    return w.year * 100 + w.week;
  }

  /**
   * Adds microseconds (negative subtracts). Null when the result leaves 0000-01-01..9999-12-31 or the
   * date is incomplete. A DATE gains a time part (becomes DATETIME) only when the sum has one.
   */
  addMicros(us: number): MyTime | null {
    if (this.hasZeroInDate()) return null;
    const tod = ((this.hour * 60 + this.minute) * 60 + this.second) * 1_000_000 + this.microsecond;
    const total = tod + Math.round(us);
    const dd = Math.floor(total / MICROS_PER_DAY);
    const rest = total - dd * MICROS_PER_DAY;
    const day = this.toDays() + dd;
    if (day < 1 || day > MAX_DAY_NUMBER) return null;
    const tp = this.tp === TypeCode.Date && rest !== 0 ? TypeCode.Datetime : this.tp;
    return MyTime.fromDayAndMicros(day, rest, tp, this.fsp);
  }

  /** Adds months as DATE_ADD(.., INTERVAL n MONTH): the day is clipped to the end of the month. */
  addMonths(n: number): MyTime | null {
    if (this.hasZeroInDate()) return null;
    const total = this.year * 12 + this.month - 1 + Math.trunc(n);
    if (total < 0 || total > 9999 * 12 + 11) return null;
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    const d = Math.min(this.day, daysInMonth(y, m));
    return new MyTime(y, m, d, this.hour, this.minute, this.second, this.microsecond, this.tp, this.fsp);
  }

  /** A key equal for values that compare equal (type and precision do not matter). */
  hashKey(): string {
    return (
      pad(this.year, 4) +
      pad(this.month, 2) +
      pad(this.day, 2) +
      pad(this.hour, 2) +
      pad(this.minute, 2) +
      pad(this.second, 2) +
      pad(this.microsecond, 6)
    );
  }

  /** The date part, as a DATE. */
  toDate(): MyTime {
    return new MyTime(this.year, this.month, this.day, 0, 0, 0, 0, TypeCode.Date, 0);
  }

  /** LAST_DAY: the last date of this month; null when the month is 0. */
  lastDay(): MyTime | null {
    if (this.month === 0) return null;
    return new MyTime(this.year, this.month, daysInMonth(this.year, this.month), 0, 0, 0, 0, TypeCode.Date, 0);
  }

  /** Microseconds since midnight (TIME(datetime)). */
  microsOfDay(): number {
    return ((this.hour * 60 + this.minute) * 60 + this.second) * 1_000_000 + this.microsecond;
  }
}
