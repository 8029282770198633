// DATE_FORMAT, TIME_FORMAT and STR_TO_DATE format strings, and (re-exported) INTERVAL arithmetic.
import type { Duration } from './duration.js';
import { TypeCode } from './field-type.js';
import {
  calcWeek,
  dayNumber,
  daysInMonth,
  fromDayNumber,
  MAX_DAY_NUMBER,
  weekdayOfDayNumber,
} from './time-calendar.js';
import { expandTwoDigitYear, type TimeFields } from './time-parse.js';
import type { MyTime } from './time.js';

export { addInterval, INTERVAL_UNITS, type Interval, parseInterval } from './time-interval.js';

/** Month and weekday names of lc_time_names; weekdays start with Monday. */
export interface DateLocale {
  monthNames: readonly string[];
  abbrMonthNames: readonly string[];
  dayNames: readonly string[];
  abbrDayNames: readonly string[];
}

export const EN_US: DateLocale = {
  monthNames: [
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
  ],
  abbrMonthNames: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  dayNames: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  abbrDayNames: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function ordinalSuffix(d: number): string {
  if (d % 100 >= 11 && d % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][d % 10] ?? 'th';
}

/** What a format string is applied to: a date/time, or a TIME (hours may exceed 23, date parts are 0). */
interface FormatSubject extends TimeFields {
  isTime: boolean;
  negative: boolean;
}

/** Expands one specifier; null makes the whole result NULL (a name of month 0, a date part of a TIME). */
function expand(c: string, v: FormatSubject, loc: DateLocale): string | null {
  const noDate = v.isTime;
  const hour12 = (((v.hour % 24) + 11) % 12) + 1;
  const ampm = v.hour % 24 < 12 ? 'AM' : 'PM';
  const dayNo = () => dayNumber(v.year, v.month, v.day);
  switch (c) {
    case 'a':
    case 'W': {
      if (noDate || (v.month === 0 && v.year === 0)) return null;
      const wd = weekdayOfDayNumber(dayNo(), false);
      return c === 'W' ? loc.dayNames[wd] : loc.abbrDayNames[wd];
    }
    case 'b':
    case 'M':
      if (v.month === 0) return null;
      return c === 'M' ? loc.monthNames[v.month - 1] : loc.abbrMonthNames[v.month - 1];
    case 'c':
      return String(v.month);
    case 'D':
      return noDate ? null : v.day + ordinalSuffix(v.day);
    case 'd':
      return pad(v.day, 2);
    case 'e':
      return String(v.day);
    case 'f':
      return pad(v.microsecond, 6);
    case 'H':
      return pad(v.hour, 2);
    case 'h':
    case 'I':
      return pad(hour12, 2);
    case 'i':
      return pad(v.minute, 2);
    case 'j':
      return noDate ? null : pad(dayNo() - dayNumber(v.year, 1, 1) + 1, 3);
    case 'k':
      return String(v.hour);
    case 'l':
      return String(hour12);
    case 'm':
      return pad(v.month, 2);
    case 'p':
      return ampm;
    case 'r':
      return `${pad(hour12, 2)}:${pad(v.minute, 2)}:${pad(v.second, 2)} ${ampm}`;
    case 'S':
    case 's':
      return pad(v.second, 2);
    case 'T':
      return `${pad(v.hour, 2)}:${pad(v.minute, 2)}:${pad(v.second, 2)}`;
    case 'U':
    case 'u':
      return noDate ? null : pad(calcWeek(v.year, v.month, v.day, c === 'U' ? 0 : 1).week, 2);
    case 'V':
    case 'v':
      return noDate ? null : pad(calcWeek(v.year, v.month, v.day, c === 'V' ? 2 : 3).week, 2);
    case 'X':
    case 'x':
      return noDate ? null : pad(calcWeek(v.year, v.month, v.day, c === 'X' ? 2 : 3).year, 4);
    case 'w':
      if (noDate || (v.month === 0 && v.year === 0)) return null;
      return String(weekdayOfDayNumber(dayNo(), true));
    case 'Y':
      return pad(v.year, 4);
    case 'y':
      return pad(v.year % 100, 2);
    default:
      // '%%' and unknown specifiers give the character itself.
      return c;
  }
}

function applyFormat(v: FormatSubject, format: string, loc: DateLocale): string | null {
  let out = v.negative ? '-' : '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%' || i + 1 === format.length) {
      out += ch;
      continue;
    }
    const part = expand(format[++i], v, loc);
    if (part === null) return null;
    out += part;
  }
  return out;
}

/** DATE_FORMAT(t, format); null where MySQL returns NULL (month names of month 0, weekdays of zero dates). */
export function dateFormat(t: MyTime, format: string, locale: DateLocale = EN_US): string | null {
  return applyFormat({ ...t, isTime: false, negative: false }, format, locale);
}

/** TIME_FORMAT(d, format): only hour, minute, second and fraction specifiers are meaningful. */
export function timeFormat(d: Duration, format: string, locale: DateLocale = EN_US): string | null {
  const subject: FormatSubject = {
    year: 0,
    month: 0,
    day: 0,
    hour: d.hours,
    minute: d.minutes,
    second: d.seconds,
    microsecond: d.microsecond,
    isTime: true,
    negative: d.negative,
  };
  return applyFormat(subject, format, locale);
}

/** What STR_TO_DATE reads: the fields, and whether input was left over (MySQL warns then). */
export interface StrToDateResult extends TimeFields {
  truncated: boolean;
}

const DATE_SPECIFIERS = 'YymcdeDjMbUuVvXxWaw';
const TIME_SPECIFIERS = 'HkhIlisSprTf';

/**
 * STR_TO_DATE's result type for a format: DATETIME when it reads date and time parts, DATE or
 * TIME (TypeCode.Duration) when only one kind, fsp 6 when it reads %f.
 */
export function strToDateType(format: string): { tp: number; fsp: number } {
  let date = false;
  let time = false;
  let frac = false;
  for (let i = 0; i < format.length - 1; i++) {
    if (format[i] !== '%') continue;
    const c = format[++i];
    if (DATE_SPECIFIERS.includes(c)) date = true;
    if (TIME_SPECIFIERS.includes(c)) time = true;
    if (c === 'f') frac = true;
  }
  const tp = date && !time ? TypeCode.Date : time && !date ? TypeCode.Duration : TypeCode.Datetime;
  return { tp, fsp: frac && tp !== TypeCode.Date ? 6 : 0 };
}

/** Parser state of one STR_TO_DATE call. */
interface ParseState {
  s: string;
  pos: number;
  f: TimeFields;
  usaTime: boolean;
  pm: boolean | null;
  yearDay: number;
  weekNumber: number;
  /** 1 = Monday .. 7 = Sunday; 0 when not given. */
  weekday: number;
  weekSundayFirst: boolean;
  strictWeek: boolean;
  weekYear: number;
  weekYearSundayFirst: boolean;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** Reads up to max digits; null when there is none. */
function readInt(st: ParseState, max: number): { value: number; digits: number } | null {
  let j = st.pos;
  while (j < st.s.length && j - st.pos < max && st.s[j] >= '0' && st.s[j] <= '9') j++;
  if (j === st.pos) return null;
  const r = { value: Number(st.s.slice(st.pos, j)), digits: j - st.pos };
  st.pos = j;
  return r;
}

/** Matches one of the names (case-insensitive) at the current position; index or -1. */
function readName(st: ParseState, names: readonly string[]): number {
  const rest = st.s.slice(st.pos).toLowerCase();
  let best = -1;
  names.forEach((n, i) => {
    if (rest.startsWith(n.toLowerCase()) && (best < 0 || n.length > names[best].length)) best = i;
  });
  if (best >= 0) st.pos += names[best].length;
  return best;
}

/** Applies one specifier; false on a mismatch. */
function readSpecifier(st: ParseState, c: string, loc: DateLocale): boolean {
  const f = st.f;
  const num = (max: number): number | null => readInt(st, max)?.value ?? null;
  let n: number | null;
  switch (c) {
    case 'Y': {
      const r = readInt(st, 4);
      if (r === null) return false;
      f.year = r.digits <= 2 ? expandTwoDigitYear(r.value) : r.value;
      return true;
    }
    case 'y':
      if ((n = num(2)) === null) return false;
      f.year = expandTwoDigitYear(n);
      return true;
    case 'm':
    case 'c':
      if ((n = num(2)) === null) return false;
      f.month = n;
      return true;
    case 'M':
    case 'b': {
      let i = c === 'M' ? readName(st, loc.monthNames) : -1;
      if (i < 0) i = readName(st, loc.abbrMonthNames);
      if (i < 0) return false;
      f.month = i + 1;
      return true;
    }
    case 'd':
    case 'e':
      if ((n = num(2)) === null) return false;
      f.day = n;
      return true;
    case 'D':
      if ((n = num(2)) === null) return false;
      f.day = n;
      st.pos += 2;
      return st.pos <= st.s.length;
    case 'H':
    case 'k':
    case 'h':
    case 'I':
    case 'l':
      if ((n = num(2)) === null) return false;
      f.hour = n;
      if (c === 'h' || c === 'I' || c === 'l') st.usaTime = true;
      return true;
    case 'i':
      if ((n = num(2)) === null) return false;
      f.minute = n;
      return true;
    case 's':
    case 'S':
      if ((n = num(2)) === null) return false;
      f.second = n;
      return true;
    case 'f': {
      const r = readInt(st, 6);
      if (r === null) return false;
      f.microsecond = r.value * 10 ** (6 - r.digits);
      return true;
    }
    case 'p': {
      const word = st.s.slice(st.pos, st.pos + 2).toUpperCase();
      if (!st.usaTime || (word !== 'AM' && word !== 'PM')) return false;
      st.pm = word === 'PM';
      st.pos += 2;
      return true;
    }
    case 'W':
    case 'a': {
      let i = c === 'W' ? readName(st, loc.dayNames) : -1;
      if (i < 0) i = readName(st, loc.abbrDayNames);
      if (i < 0) return false;
      st.weekday = i + 1;
      return true;
    }
    case 'w':
      if ((n = num(1)) === null || n > 6) return false;
      st.weekday = n === 0 ? 7 : n;
      return true;
    case 'j':
      if ((n = num(3)) === null) return false;
      st.yearDay = n;
      return true;
    case 'U':
    case 'u':
    case 'V':
    case 'v':
      if ((n = num(2)) === null) return false;
      st.weekNumber = n;
      st.weekSundayFirst = c === 'U' || c === 'V';
      st.strictWeek = c === 'V' || c === 'v';
      return true;
    case 'X':
    case 'x':
      if ((n = num(4)) === null) return false;
      st.weekYear = n;
      st.weekYearSundayFirst = c === 'X';
      return true;
    case 'r':
      return readFormat(st, '%I:%i:%S %p', loc);
    case 'T':
      return readFormat(st, '%H:%i:%S', loc);
    case '.':
      while (st.pos < st.s.length && /[^\w\s]/.test(st.s[st.pos])) st.pos++;
      return true;
    case '@':
      while (st.pos < st.s.length && /[A-Za-z]/.test(st.s[st.pos])) st.pos++;
      return true;
    case '#':
      while (st.pos < st.s.length && /\d/.test(st.s[st.pos])) st.pos++;
      return true;
    default:
      // '%%' and other characters after '%' match themselves.
      if (st.s[st.pos] !== c) return false;
      st.pos++;
      return true;
  }
}

/** Walks a format over the input; spaces in the input are skipped before each element. */
function readFormat(st: ParseState, format: string, loc: DateLocale): boolean {
  for (let i = 0; i < format.length; i++) {
    while (isSpace(st.s[st.pos])) st.pos++;
    if (st.pos >= st.s.length) return true;
    const ch = format[i];
    if (ch === '%' && i + 1 < format.length) {
      if (!readSpecifier(st, format[++i], loc)) return false;
    } else if (!isSpace(ch)) {
      if (st.s[st.pos] !== ch) return false;
      st.pos++;
    }
  }
  return true;
}

/** Resolves %j and week-based (%U %u %V %v with %W %a %w and %X %x) dates into year, month and day. */
function resolveDayFields(st: ParseState): boolean {
  const f = st.f;
  let day = -1;
  if (st.yearDay > 0) day = dayNumber(f.year, 1, 1) + st.yearDay - 1;
  if (st.weekNumber >= 0 && st.weekday > 0) {
    // %V/%v need %X/%x of the same kind; %U/%u must not have one.
    if (st.strictWeek ? st.weekYear < 0 || st.weekYearSundayFirst !== st.weekSundayFirst : st.weekYear >= 0) {
      return false;
    }
    const first = dayNumber(st.strictWeek ? st.weekYear : f.year, 1, 1);
    const wd = weekdayOfDayNumber(first, st.weekSundayFirst);
    day = st.weekSundayFirst
      ? first + (wd === 0 ? 0 : 7) - wd + (st.weekNumber - 1) * 7 + (st.weekday % 7)
      : first + (wd <= 3 ? 0 : 7) - wd + (st.weekNumber - 1) * 7 + (st.weekday - 1);
  }
  if (day < 0) return true;
  if (day <= 0 || day > MAX_DAY_NUMBER) return false;
  [f.year, f.month, f.day] = fromDayNumber(day);
  return true;
}

/**
 * STR_TO_DATE(s, format): the fields read, or null when the input does not match the format or
 * gives an impossible date or time. Zero dates and zero parts are returned; the caller applies
 * sql_mode (NO_ZERO_DATE, NO_ZERO_IN_DATE) as for any other date.
 */
export function strToDate(s: string, format: string, locale: DateLocale = EN_US): StrToDateResult | null {
  const st: ParseState = {
    s,
    pos: 0,
    f: { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, microsecond: 0 },
    usaTime: false,
    pm: null,
    yearDay: 0,
    weekNumber: -1,
    weekday: 0,
    weekSundayFirst: false,
    strictWeek: false,
    weekYear: -1,
    weekYearSundayFirst: false,
  };
  if (!readFormat(st, format, locale)) return null;
  const f = st.f;
  if (st.usaTime) {
    if (f.hour < 1 || f.hour > 12) return null;
    f.hour = (f.hour % 12) + (st.pm ? 12 : 0);
  }
  if (!resolveDayFields(st)) return null;
  if (f.year > 9999 || f.month > 12 || f.day > 31 || f.hour > 23 || f.minute > 59 || f.second > 59) return null;
  if (f.month > 0 && f.day > daysInMonth(f.year, f.month)) return null;
  const truncated = s.slice(st.pos).trim() !== '';
  return { ...f, truncated };
}
