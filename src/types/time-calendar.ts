// MySQL's calendar arithmetic: day numbers as TO_DAYS counts them, weekdays and WEEK() modes.
// MySQL's calendar is the proleptic Gregorian one except that year 0 is never a leap year, so day
// 1 is 0000-01-01 and 0001-01-01 is day 366.

/** MySQL leap-year rule: Gregorian, but year 0 is not a leap year. */
export function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || (y % 400 === 0 && y !== 0));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month m (1-12) of year y; 0 for month 0. */
export function daysInMonth(y: number, m: number): number {
  if (m < 1 || m > 12) return 0;
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

/** TO_DAYS(1970-01-01): converts between day numbers and Unix days. */
export const UNIX_EPOCH_DAY = 719528;
/** TO_DAYS(9999-12-31), the last valid day. */
export const MAX_DAY_NUMBER = 3652424;

/** Days before month m (1-12) in a year, counting February as 28 days. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/**
 * MySQL's day number (TO_DAYS) of a date. Month 0 or day 0 parts count as in MySQL's formula
 * (year 0 with month 0 gives 0), so incomplete dates still get a number.
 */
export function dayNumber(y: number, m: number, d: number): number {
  if (y === 0 && m === 0) return 0;
  if (m < 1 || m > 12) return dayNumber(y, 1, 1) + d - 1 + (m === 0 ? -31 : 0);
  // Leap days in the years strictly before y (year 0 contributes none).
  const prev = y - 1;
  const leapsBefore = y === 0 ? 0 : Math.floor(prev / 4) - Math.floor(prev / 100) + Math.floor(prev / 400);
  let days = 365 * y + leapsBefore + DAYS_BEFORE_MONTH[m - 1] + d;
  if (m > 2 && isLeapYear(y)) days += 1;
  return days;
}

/** Inverse of dayNumber for 1 <= n <= MAX_DAY_NUMBER: [year, month, day]. */
export function fromDayNumber(n: number): [number, number, number] {
  let y: number;
  let doy: number;
  if (n <= 365) {
    y = 0;
    doy = n;
  } else {
    // Days counted from 0001-01-01 in 400-year cycles of 146097 days.
    let rest = n - 366;
    const cycles = Math.floor(rest / 146097);
    rest -= cycles * 146097;
    let centuries = Math.floor(rest / 36524);
    if (centuries === 4) centuries = 3;
    rest -= centuries * 36524;
    const quads = Math.floor(rest / 1461);
    rest -= quads * 1461;
    let years = Math.floor(rest / 365);
    if (years === 4) years = 3;
    rest -= years * 365;
    y = 1 + cycles * 400 + centuries * 100 + quads * 4 + years;
    doy = rest + 1;
  }
  let m = 1;
  while (doy > daysInMonth(y, m)) {
    doy -= daysInMonth(y, m);
    m++;
  }
  return [y, m, doy];
}

/** Day of week of a day number: 0 = Monday .. 6 = Sunday (or 0 = Sunday when sundayFirst). */
export function weekdayOfDayNumber(n: number, sundayFirst: boolean): number {
  return (((n + 5 + (sundayFirst ? 1 : 0)) % 7) + 7) % 7;
}

/** The three properties a WEEK() mode is made of. */
interface WeekRule {
  mondayFirst: boolean;
  /** Weeks range 1..53 and days before week 1 belong to the last week of the previous year. */
  yearRange: boolean;
  /** Week 1 starts on the first first-day-of-week of the year; otherwise it is the first week with 4+ days. */
  firstDayStartsWeek1: boolean;
}

function weekRule(mode: number, yearRange: boolean): WeekRule {
  const m = mode & 7;
  const mondayFirst = (m & 1) !== 0;
  // Modes 0, 2, 5, 7 (Sunday first with "contains Sunday", Monday first with "contains Monday").
  const firstDayStartsWeek1 = mondayFirst ? (m & 4) !== 0 : (m & 4) === 0;
  return { mondayFirst, yearRange: yearRange || (m & 2) !== 0, firstDayStartsWeek1 };
}

/** Whether the first (partial) week of a year whose Jan 1 has weekday wd is week 1 rather than week 0. */
function firstWeekIsWeekOne(rule: WeekRule, wd: number): boolean {
  return rule.firstDayStartsWeek1 ? wd === 0 : wd < 4;
}

/**
 * MySQL WEEK(date, mode) with the year the week belongs to. With yearRange (YEARWEEK, %X, %x) the
 * result never is week 0: such days belong to the previous year's last week.
 */
export function calcWeek(
  y: number,
  m: number,
  d: number,
  mode: number,
  yearRange = false,
): { year: number; week: number } {
  const rule = weekRule(mode, yearRange);
  const day = dayNumber(y, m, d);
  let firstDay = dayNumber(y, 1, 1);
  let wd = weekdayOfDayNumber(firstDay, !rule.mondayFirst);
  let year = y;
  let inRange = rule.yearRange;
  if (m === 1 && d <= 7 - wd) {
    if (!inRange && !firstWeekIsWeekOne(rule, wd)) return { year, week: 0 };
    inRange = true;
    year--;
    const len = daysInYear(year);
    firstDay -= len;
    wd = (wd + 53 * 7 - len) % 7;
  }
  const days = firstWeekIsWeekOne(rule, wd) ? day - (firstDay - wd) : day - (firstDay + 7 - wd);
  if (inRange && days >= 52 * 7) {
    const nextWd = (wd + daysInYear(year)) % 7;
    if (firstWeekIsWeekOne(rule, nextWd)) return { year: year + 1, week: 1 };
  }
  return { year, week: Math.floor(days / 7) + 1 };
}
