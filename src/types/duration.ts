// MySQL TIME values (Duration): a signed span of at most 838:59:59, with 0..6 fractional digits.
import type { TypeContext } from './context.js';
import { numberDatetimeFields, parseDatetimeFields, roundFraction, splitNumber } from './time-parse.js';

/** 838:59:59 in microseconds: TIME's largest magnitude. */
export const MAX_DURATION_MICROS = 3_020_399_000_000;

const MICROS_PER_HOUR = 3_600_000_000;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function normalizeFsp(fsp: number): number {
  return fsp >= 0 && fsp <= 6 ? Math.trunc(fsp) : fsp > 6 ? 6 : 0;
}

/** Result of a conversion that may clamp or ignore input (MySQL warns then). */
export interface DurationStatus {
  value: Duration | null;
  truncated: boolean;
}

/** Builds a duration from unsigned parts, rounding the fraction and clamping to the TIME range. */
function build(negative: boolean, hours: number, minutes: number, seconds: number, frac: string, fsp: number) {
  if (minutes > 59 || seconds > 59) return null;
  const r = roundFraction(frac, fsp);
  let abs = ((hours * 60 + minutes) * 60 + seconds + (r.carry ? 1 : 0)) * 1_000_000 + r.micro;
  let clamped = false;
  if (abs > MAX_DURATION_MICROS) {
    abs = MAX_DURATION_MICROS;
    clamped = true;
  }
  return { value: new Duration(negative && abs !== 0 ? -abs : abs, fsp), clamped };
}

/** Reads 'H:M[:S]' or compact '[[H]HM]MSS' digits with an optional fraction; null when not time-shaped. */
function parseClock(s: string): { h: number; m: number; sec: number; frac: string; rest: string } | null {
  const colon = /^(\d+):(\d+)(?::(\d+))?(?:\.(\d*))?/.exec(s);
  if (colon) {
    return {
      h: Number(colon[1]),
      m: Number(colon[2]),
      sec: colon[3] === undefined ? 0 : Number(colon[3]),
      frac: colon[3] === undefined ? '' : (colon[4] ?? ''),
      rest: s.slice(colon[0].length),
    };
  }
  const compact = /^(\d+)(?:\.(\d*))?/.exec(s);
  if (!compact) return null;
  const digits = compact[1];
  const n = digits.length;
  return {
    h: n > 4 ? Number(digits.slice(0, n - 4)) : 0,
    m: n > 2 ? Number(digits.slice(Math.max(0, n - 4), n - 2)) : 0,
    sec: Number(digits.slice(Math.max(0, n - 2))),
    frac: compact[2] ?? '',
    rest: s.slice(compact[0].length),
  };
}

/** An immutable TIME value. */
export class Duration {
  /** Signed length in microseconds, within ±MAX_DURATION_MICROS. */
  readonly micros: number;
  /** Fractional seconds precision, 0..6. */
  readonly fsp: number;

  constructor(micros: number, fsp: number) {
    this.micros = micros;
    this.fsp = fsp;
  }

  static readonly ZERO = new Duration(0, 0);
  static readonly MAX = new Duration(MAX_DURATION_MICROS, 0);
  static readonly MIN = new Duration(-MAX_DURATION_MICROS, 0);

  /** Parses a TIME string ('D HH:MM:SS.f', 'HH:MM:SS', 'HH:MM', 'HHMMSS', 'SS', signed); null when invalid. */
  static parse(s: string, fsp: number, ctx: TypeContext): Duration | null {
    return Duration.parseWithStatus(s, fsp, ctx).value;
  }

  /**
   * As parse, also telling whether the value was clamped to ±838:59:59 or trailing characters were
   * ignored. A full datetime string ('2023-01-02 03:04:05') gives its time of day.
   */
  static parseWithStatus(input: string, fsp: number, _ctx: TypeContext): DurationStatus {
    const p = normalizeFsp(fsp);
    let s = input.trim();
    const fail = { value: null, truncated: false };
    if (s === '') return fail;
    if (s.length >= 12) {
      const dt = parseDatetimeFields(s);
      if (dt?.hasTime && !dt.truncated && !/^\d+:/.test(s)) {
        const f = dt.fields;
        if (f.hour > 23 || f.minute > 59 || f.second > 59 || f.month > 12 || f.day > 31) return fail;
        const r = build(false, f.hour, f.minute, f.second, dt.fraction, p);
        return r === null ? fail : { value: r.value, truncated: r.clamped };
      }
    }
    const negative = s[0] === '-';
    if (negative) s = s.slice(1).trimStart();
    let days = 0;
    const dayPart = /^(\d+)\s+(?=\d)/.exec(s);
    if (dayPart) {
      days = Number(dayPart[1]);
      s = s.slice(dayPart[0].length);
    }
    const c = parseClock(s);
    if (c === null) return fail;
    // 'D HH' alone is days and hours, not seconds.
    const dayHoursOnly = dayPart !== null && /^\d+$/.test(s.slice(0, s.length - c.rest.length));
    const hours = days * 24 + (dayHoursOnly ? c.sec + c.m * 100 + c.h * 10000 : c.h);
    const r = dayHoursOnly ? build(negative, hours, 0, 0, '', p) : build(negative, hours, c.m, c.sec, c.frac, p);
    if (r === null) return fail;
    return { value: r.value, truncated: r.clamped || c.rest.trim() !== '' };
  }

  /** Converts a number HHMMSS[.frac] (or a datetime number, taking its time); null when invalid. */
  static fromNumber(n: number | bigint, fsp: number): Duration | null {
    return Duration.fromNumberWithStatus(n, fsp).value;
  }

  static fromNumberWithStatus(n: number | bigint, fsp: number): DurationStatus {
    const p = normalizeFsp(fsp);
    if (typeof n === 'number' && !Number.isFinite(n)) return { value: null, truncated: false };
    const parts = splitNumber(n);
    const int = Number(parts.int);
    if (int >= 10_000_000_000 && !parts.negative) {
      const dt = numberDatetimeFields(int);
      if (dt === null) return { value: null, truncated: false };
      const r = build(false, dt.fields.hour, dt.fields.minute, dt.fields.second, parts.frac, p);
      return { value: r?.value ?? null, truncated: false };
    }
    const r = build(parts.negative, Math.floor(int / 10000), Math.floor(int / 100) % 100, int % 100, parts.frac, p);
    return r === null ? { value: null, truncated: false } : { value: r.value, truncated: r.clamped };
  }

  /** A duration from signed microseconds, rounded to fsp and clamped to the TIME range. */
  static fromMicros(micros: number, fsp: number): DurationStatus {
    const p = normalizeFsp(fsp);
    const unit = 10 ** (6 - p);
    const abs = Math.round(Math.abs(micros) / unit) * unit;
    if (abs > MAX_DURATION_MICROS)
      return { value: new Duration(Math.sign(micros) * MAX_DURATION_MICROS, p), truncated: true };
    return { value: new Duration(micros < 0 && abs !== 0 ? -abs : abs, p), truncated: false };
  }

  get negative(): boolean {
    return this.micros < 0;
  }

  /** Whole hours of the magnitude (0..838). */
  get hours(): number {
    return Math.floor(Math.abs(this.micros) / MICROS_PER_HOUR);
  }

  get minutes(): number {
    return Math.floor(Math.abs(this.micros) / 60_000_000) % 60;
  }

  get seconds(): number {
    return Math.floor(Math.abs(this.micros) / 1_000_000) % 60;
  }

  /** Microseconds part of the magnitude (0..999999). */
  get microsecond(): number {
    return Math.abs(this.micros) % 1_000_000;
  }

  compare(o: Duration): number {
    return this.micros - o.micros;
  }

  isZero(): boolean {
    return this.micros === 0;
  }

  toString(): string {
    const sign = this.micros < 0 ? '-' : '';
    const base = `${sign}${pad(this.hours, 2)}:${pad(this.minutes, 2)}:${pad(this.seconds, 2)}`;
    return this.fsp > 0 ? `${base}.${pad(this.microsecond, 6).slice(0, this.fsp)}` : base;
  }

  /** The value in numeric context as exact digits: [-]HHMMSS[.frac cut to fsp]. */
  toNumberString(): string {
    const sign = this.micros < 0 ? '-' : '';
    const whole = String(this.hours * 10000 + this.minutes * 100 + this.seconds);
    return sign + (this.fsp > 0 ? `${whole}.${pad(this.microsecond, 6).slice(0, this.fsp)}` : whole);
  }

  /** The value in numeric context (t + 0): HHMMSS[.frac]. */
  toNumber(): number {
    return Number(this.toNumberString());
  }

  /** A key equal for equal durations regardless of precision. */
  hashKey(): string {
    return String(this.micros);
  }

  /** The value with precision fsp, rounding the fraction half away from zero. */
  withFsp(fsp: number): Duration {
    const p = normalizeFsp(fsp);
    if (p === this.fsp) return this;
    return Duration.fromMicros(this.micros, p).value!;
  }

  /** Seconds with fraction (TIME_TO_SEC keeps the whole part of this). */
  toSeconds(): number {
    return this.micros / 1_000_000;
  }
}
