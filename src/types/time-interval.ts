// INTERVAL values of DATE_ADD, DATE_SUB, ADDDATE, TIMESTAMPADD and `expr + INTERVAL n unit`.
import type { MyTime } from './time.js';

/** An interval as calendar months plus exact microseconds, both magnitudes, and its sign. */
export interface Interval {
  months: number;
  micros: number;
  negative: boolean;
}

const US_SECOND = 1_000_000;
const US_MINUTE = 60 * US_SECOND;
const US_HOUR = 60 * US_MINUTE;
const US_DAY = 24 * US_HOUR;
/** Larger spans overflow every date, so precision beyond them does not matter. */
const MAX_MICROS = 4e17;
const MAX_MONTHS = 10_000 * 12;

/** Multiplier of each single unit, in months or microseconds. */
const SINGLE: Record<string, { months?: number; micros?: number }> = {
  MICROSECOND: { micros: 1 },
  SECOND: { micros: US_SECOND },
  MINUTE: { micros: US_MINUTE },
  HOUR: { micros: US_HOUR },
  DAY: { micros: US_DAY },
  WEEK: { micros: 7 * US_DAY },
  MONTH: { months: 1 },
  QUARTER: { months: 3 },
  YEAR: { months: 12 },
};

/** Compound units: each field's size left to right, in microseconds, or in months when negative. */
const COMPOUND: Record<string, number[]> = {
  YEAR_MONTH: [-12, -1],
  DAY_HOUR: [US_DAY, US_HOUR],
  DAY_MINUTE: [US_DAY, US_HOUR, US_MINUTE],
  DAY_SECOND: [US_DAY, US_HOUR, US_MINUTE, US_SECOND],
  DAY_MICROSECOND: [US_DAY, US_HOUR, US_MINUTE, US_SECOND, 1],
  HOUR_MINUTE: [US_HOUR, US_MINUTE],
  HOUR_SECOND: [US_HOUR, US_MINUTE, US_SECOND],
  HOUR_MICROSECOND: [US_HOUR, US_MINUTE, US_SECOND, 1],
  MINUTE_SECOND: [US_MINUTE, US_SECOND],
  MINUTE_MICROSECOND: [US_MINUTE, US_SECOND, 1],
  SECOND_MICROSECOND: [US_SECOND, 1],
};

/** Every unit name INTERVAL accepts. */
export const INTERVAL_UNITS: readonly string[] = [...Object.keys(SINGLE), ...Object.keys(COMPOUND)];

function numberText(v: number): string {
  const s = String(v);
  return s.includes('e') ? v.toFixed(Math.abs(v) < 1 ? 20 : 0) : s;
}

function bounded(iv: Interval): Interval | null {
  return iv.months > MAX_MONTHS || iv.micros > MAX_MICROS || !Number.isFinite(iv.micros) ? null : iv;
}

/** A single-unit value: numbers round (SECOND keeps microseconds); strings are read as integers (SECOND as decimals). */
function parseSingle(unit: { months?: number; micros?: number }, isSecond: boolean, value: string | number) {
  let v: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    v = value;
  } else {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?/.exec(value)!;
    const whole = Number(m[2] || '0');
    v = isSecond && m[3] ? Number(`${m[2] || '0'}.${m[3]}`) : whole;
    if (m[1] === '-') v = -v;
  }
  const negative = v < 0;
  const abs = Math.abs(v);
  if (unit.months !== undefined) return bounded({ months: Math.round(abs) * unit.months, micros: 0, negative });
  const micros = isSecond ? Math.round(abs * US_SECOND) : Math.round(abs) * unit.micros!;
  return bounded({ months: 0, micros, negative });
}

/**
 * Reads a compound value such as '1 10:30:00.5' DAY_MICROSECOND: digit groups split by any
 * non-digits, right-aligned when fewer than the unit has, a leading '-' negating all of them.
 * A final microsecond field is scaled by its digit count ('.5' is 500000).
 */
function parseCompound(units: number[], text: string): Interval | null {
  let s = text.trimStart();
  const negative = s[0] === '-';
  if (negative) s = s.slice(1);
  const groups = s.match(/\d+|\D+/g) ?? [];
  let k = 0;
  while (k < groups.length && !/^\d/.test(groups[k])) k++;
  const values: number[] = [];
  let lastDigits = 0;
  for (; k < groups.length; k++) {
    if (!/^\d/.test(groups[k])) continue;
    if (values.length === units.length) return null;
    values.push(Number(groups[k]));
    lastDigits = groups[k].length;
  }
  if (values.length === 0) return { months: 0, micros: 0, negative };
  while (values.length < units.length) values.unshift(0);
  if (units[units.length - 1] === 1 && lastDigits < 6) values[values.length - 1] *= 10 ** (6 - lastDigits);
  let months = 0;
  let micros = 0;
  units.forEach((u, i) => {
    if (u < 0) months += values[i] * -u;
    else micros += values[i] * u;
  });
  return bounded({ months, micros, negative });
}

/** Parses an INTERVAL value of a unit (case-insensitive); null for an unknown unit or bad value. */
export function parseInterval(unit: string, value: string | number): Interval | null {
  const u = unit.toUpperCase();
  const single = SINGLE[u];
  if (single) return parseSingle(single, u === 'SECOND', value);
  const compound = COMPOUND[u];
  if (!compound) return null;
  return parseCompound(compound, typeof value === 'number' ? numberText(value) : value);
}

/**
 * t + sign * interval: months first (day clipped to the month's end), then microseconds. Null when
 * the result leaves 0000-01-01..9999-12-31 or t has a zero month or day. A DATE becomes a DATETIME
 * when the interval has a time part; sub-second intervals raise the precision to 6.
 */
export function addInterval(t: MyTime, iv: Interval, sign: 1 | -1): MyTime | null {
  const neg = iv.negative !== sign < 0;
  let r: MyTime | null = t;
  if (iv.months !== 0) r = r.addMonths(neg ? -iv.months : iv.months);
  if (r === null) return null;
  if (iv.micros !== 0 || r.hasZeroInDate()) r = r.addMicros(neg ? -iv.micros : iv.micros);
  if (r === null) return null;
  if (iv.micros % US_SECOND !== 0 && r.fsp < 6) r = r.withType(r.tp, 6);
  return r;
}
