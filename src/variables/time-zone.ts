// time_zone values: 'SYSTEM', a '+HH:MM' offset, or a named (IANA) zone, and their offsets from UTC.
import { readlinkSync } from 'node:fs';
import { ER, sqlError } from '../errors/index.js';

const OFFSET = /^([+-])(\d{1,2}):(\d{2})$/;

/** Offset in minutes of a '+HH:MM' value, or undefined when it is not one or out of MySQL's range. */
function parseOffset(text: string): number | undefined {
  const m = OFFSET.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) >= 60) return undefined;
  const signed = m[1] === '-' ? -minutes : minutes;
  // MySQL 8 accepts -13:59 through +14:00.
  return signed < -(13 * 60 + 59) || signed > 14 * 60 ? undefined : signed;
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** An Intl formatter printing the zone's offset as 'GMT+08:00'; undefined for an unknown zone. */
function zoneFormat(zone: string): Intl.DateTimeFormat | undefined {
  const key = zone.toLowerCase();
  let fmt = zoneFormats.get(key);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      return undefined;
    }
    zoneFormats.set(key, fmt);
  }
  return fmt;
}

/** Normalizes a time_zone value: 'SYSTEM', '+08:00' (from '+8:00'), or a named zone kept as written. */
export function normalizeTimeZone(value: string | number | bigint): string {
  const text = String(value).trim();
  if (text.toUpperCase() === 'SYSTEM') return 'SYSTEM';
  const offset = parseOffset(text);
  if (offset !== undefined) return formatOffset(offset);
  if (!/^[A-Za-z]/.test(text) || !zoneFormat(text)) throw sqlError(ER.UNKNOWN_TIME_ZONE, text);
  return text;
}

/** Minutes east of UTC of a normalized time_zone value at the instant `at` (named zones observe DST). */
export function timeZoneOffsetMinutes(zone: string, at: number = Date.now()): number {
  if (zone === 'SYSTEM') return systemOffsetMinutes(at);
  const offset = parseOffset(zone);
  if (offset !== undefined) return offset;
  const fmt = zoneFormat(zone);
  if (!fmt) return 0;
  const name = fmt.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** Zone offsets change only at quarter-hour instants, so one lookup serves a whole quarter hour. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
let systemOffsetQuarter = Number.NaN;
let systemOffset = 0;

/** The host zone's offset at `at` (asked of the platform once per quarter hour: statements ask each time). */
function systemOffsetMinutes(at: number): number {
  const quarter = Math.floor(at / QUARTER_HOUR_MS);
  if (quarter !== systemOffsetQuarter) {
    systemOffset = -new Date(quarter * QUARTER_HOUR_MS).getTimezoneOffset() || 0;
    systemOffsetQuarter = quarter;
  }
  return systemOffset;
}

/**
 * The host's zone name, for system_time_zone, found as TiDB finds it: the TZ variable, else the zone
 * /etc/localtime links to; asking Intl (slow to start: it loads the ICU zone data) comes last.
 */
export function hostTimeZoneName(): string {
  const tz = process.env.TZ?.replace(/^:/, '');
  if (tz) return tz;
  try {
    const m = /zoneinfo\/(.+)$/.exec(readlinkSync('/etc/localtime'));
    if (m) return m[1]!;
  } catch {
    // Not a link (or no such file): fall through.
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
