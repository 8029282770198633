// Parsing of MySQL's date/time literal formats into raw fields. Range checks against the calendar
// and sql_mode happen in MyTime; here only the shapes are recognised.

export interface TimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

export interface ParsedFields {
  fields: TimeFields;
  /** Digits of the fractional second as written (not yet rounded), '' when none. */
  fraction: string;
  /** The input had a time-of-day part. */
  hasTime: boolean;
  /** A '+HH:MM' / '-HH:MM' zone written after a full datetime (MySQL 8.0.19+), in minutes east of UTC. */
  tzOffsetMinutes?: number;
  /** Characters after the value were ignored. */
  truncated: boolean;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const isPunct = (c: string | undefined): boolean =>
  c !== undefined && !isDigit(c) && !isSpace(c) && !/[A-Za-z]/.test(c) && c.charCodeAt(0) < 128;

/** MySQL's two-digit year rule: 00-69 are 2000-2069, 70-99 are 1970-1999. */
export function expandTwoDigitYear(y: number): number {
  return y < 70 ? y + 2000 : y + 1900;
}

/**
 * Rounds fractional-second digits to fsp digits (half up). Returns the microseconds and whether
 * rounding carried into the next second.
 */
export function roundFraction(digits: string, fsp: number): { micro: number; carry: boolean } {
  if (digits === '') return { micro: 0, carry: false };
  const kept = digits.slice(0, fsp).padEnd(fsp, '0');
  let v = fsp === 0 ? 0 : Number(kept);
  if (isDigit(digits[fsp]) && digits.charCodeAt(fsp) >= 53) v++;
  const limit = 10 ** fsp;
  if (v >= limit) return { micro: 0, carry: true };
  return { micro: v * 10 ** (6 - fsp), carry: false };
}

function emptyFields(): TimeFields {
  return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, microsecond: 0 };
}

/** Reads a run of digits at i; returns the run (may be ''). */
function digitsAt(s: string, i: number): string {
  let j = i;
  while (isDigit(s[j])) j++;
  return s.slice(i, j);
}

/** Whole-number format: YYMMDD, YYYYMMDD, YYMMDDHHMMSS, YYYYMMDDHHMMSS with optional fraction. */
function parseCompact(digits: string): { fields: TimeFields; hasTime: boolean } | null {
  const n = digits.length;
  if (n < 5) return null;
  const yearLen = n === 8 || n >= 14 ? 4 : 2;
  const f = emptyFields();
  f.year = Number(digits.slice(0, yearLen));
  const parts = [0, 0, 0, 0, 0];
  let pos = yearLen;
  for (let k = 0; k < 5 && pos < n; k++) {
    parts[k] = Number(digits.slice(pos, pos + 2));
    pos += 2;
  }
  [f.month, f.day, f.hour, f.minute, f.second] = parts;
  if (yearLen === 2 && Number(digits) !== 0) f.year = expandTwoDigitYear(f.year);
  return { fields: f, hasTime: n > yearLen + 4 };
}

/**
 * Parses a DATE/DATETIME/TIMESTAMP string: 'YYYY-MM-DD', 'YY-MM-DD', any punctuation delimiters,
 * 'YYYYMMDD', 'YYMMDD', 'YYYYMMDDHHMMSS[.frac]', 'YYYY-MM-DD HH:MM:SS[.frac]', a 'T' separator.
 * Returns null when no date can be read.
 */
export function parseDatetimeFields(input: string): ParsedFields | null {
  const s = input.trim();
  if (s === '') return null;
  const lead = digitsAt(s, 0);
  if (lead === '') return null;
  let i = lead.length;
  if (i === s.length || s[i] === '.') {
    const compact = parseCompact(lead);
    if (compact === null) return null;
    let fraction = '';
    if (s[i] === '.') {
      fraction = digitsAt(s, i + 1);
      i += 1 + fraction.length;
    }
    return { fields: compact.fields, fraction, hasTime: compact.hasTime, truncated: i < s.length };
  }
  // Delimited format: year, month, day, then optionally hour, minute, second and fraction.
  const values: number[] = [Number(lead)];
  const yearDigits = lead.length;
  let fraction = '';
  let hasTime = false;
  while (values.length < 6 && i < s.length) {
    let j = i;
    if (values.length === 3) {
      // Date/time separator: whitespace run, 'T', or punctuation.
      if (s[j] === 'T' || s[j] === 't') j++;
      else while (isSpace(s[j]) || isPunct(s[j])) j++;
    } else {
      while (isPunct(s[j])) j++;
    }
    if (j === i || !isDigit(s[j])) break;
    const d = digitsAt(s, j);
    values.push(Number(d));
    if (values.length > 3) hasTime = true;
    i = j + d.length;
  }
  if (values.length < 3) return null;
  if (values.length >= 4 && s[i] === '.') {
    fraction = digitsAt(s, i + 1);
    i += 1 + fraction.length;
  }
  const f = emptyFields();
  [f.year, f.month, f.day] = values;
  f.hour = values[3] ?? 0;
  f.minute = values[4] ?? 0;
  f.second = values[5] ?? 0;
  if (yearDigits === 2 && values.some((v) => v !== 0)) f.year = expandTwoDigitYear(f.year);
  const zone = values.length === 6 ? /^\s*([+-])(\d\d):(\d\d)$/.exec(s.slice(i)) : null;
  if (zone) {
    const minutes = Number(zone[2]) * 60 + Number(zone[3]);
    const offset = zone[1] === '-' ? -minutes : minutes;
    // MySQL accepts -13:59..+14:00 and rejects '-00:00'.
    if (Number(zone[3]) > 59 || offset < -839 || offset > 840 || (zone[1] === '-' && minutes === 0)) return null;
    return { fields: f, fraction, hasTime, truncated: false, tzOffsetMinutes: offset };
  }
  // Trailing whitespace was trimmed; anything else left is garbage.
  return { fields: f, fraction, hasTime, truncated: i < s.length };
}

/**
 * Splits a number in MySQL's numeric datetime forms (YYMMDD, YYYYMMDD, YYMMDDHHMMSS,
 * YYYYMMDDHHMMSS) into fields. Returns null for values MySQL rejects.
 */
export function numberDatetimeFields(intPart: number): { fields: TimeFields; hasTime: boolean } | null {
  let n = intPart;
  if (n === 0) return { fields: emptyFields(), hasTime: false };
  if (n < 101) return null;
  let hasTime = true;
  if (n <= 691231) {
    n = (n + 20000000) * 1000000;
    hasTime = false;
  } else if (n < 700101) return null;
  else if (n <= 991231) {
    n = (n + 19000000) * 1000000;
    hasTime = false;
  } else if (n < 10000101) return null;
  else if (n <= 99991231) {
    n = n * 1000000;
    hasTime = false;
  } else if (n < 101000000) return null;
  else if (n <= 691231235959) n += 20000000000000;
  else if (n < 700101000000) return null;
  else if (n <= 991231235959) n += 19000000000000;
  if (n > 99991231235959) return null;
  const f = emptyFields();
  const date = Math.floor(n / 1000000);
  const time = n % 1000000;
  f.year = Math.floor(date / 10000);
  f.month = Math.floor(date / 100) % 100;
  f.day = date % 100;
  f.hour = Math.floor(time / 10000);
  f.minute = Math.floor(time / 100) % 100;
  f.second = time % 100;
  return { fields: f, hasTime };
}

/** Splits a finite number's decimal text into integer digits and fraction digits. */
export function splitNumber(n: number | bigint): { negative: boolean; int: string; frac: string } {
  if (typeof n === 'bigint') {
    const negative = n < 0n;
    return { negative, int: (negative ? -n : n).toString(), frac: '' };
  }
  const negative = n < 0;
  const abs = Math.abs(n);
  // The shortest round-trip text keeps the digits the user wrote (20231231235959.5, not ...4999).
  let text = String(abs);
  if (text.includes('e')) text = abs >= 1 ? BigInt(Math.trunc(abs)).toString() : abs.toFixed(20);
  const dot = text.indexOf('.');
  if (dot < 0) return { negative, int: text, frac: '' };
  return { negative, int: text.slice(0, dot), frac: text.slice(dot + 1).replace(/0+$/, '') };
}
