// The binary protocol's value encodings (COM_STMT_EXECUTE parameters and binary result rows).
// Temporal values travel as strings inside the server ('YYYY-MM-DD hh:mm:ss.ffffff', '[-]hh:mm:ss.ffffff').
import { TypeCode } from '../types/field-type.js';
import { bitValueBytes } from '../types/value.js';
import { MalformedPacketError, type PacketReader, type PacketWriter } from './wire.js';

/** A parameter's declared type: the protocol type code and whether the client marked it unsigned. */
export interface ParamType {
  type: number;
  unsigned: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function intResult(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function isBlobType(tp: number): boolean {
  return tp === TypeCode.TinyBlob || tp === TypeCode.MediumBlob || tp === TypeCode.LongBlob || tp === TypeCode.Blob;
}

/** Decodes a binary DATE/DATETIME/TIMESTAMP value (length byte, then fields) into its string form. */
export function readBinaryDatetime(r: PacketReader, dateOnly: boolean): string {
  const len = r.int1();
  if (len !== 0 && len !== 4 && len !== 7 && len !== 11) throw new MalformedPacketError('bad datetime length');
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  let us = 0;
  if (len >= 4) {
    y = r.int2();
    mo = r.int1();
    d = r.int1();
  }
  if (len >= 7) {
    h = r.int1();
    mi = r.int1();
    s = r.int1();
  }
  if (len === 11) us = r.int4();
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (dateOnly) return date;
  return `${date} ${pad(h)}:${pad(mi)}:${pad(s)}${us ? `.${pad(us, 6)}` : ''}`;
}

/** Decodes a binary TIME value into '[-]hh:mm:ss[.ffffff]' (days folded into hours). */
export function readBinaryTime(r: PacketReader): string {
  const len = r.int1();
  if (len !== 0 && len !== 8 && len !== 12) throw new MalformedPacketError('bad time length');
  if (len === 0) return '00:00:00';
  const neg = r.int1() === 1;
  const days = r.int4();
  const h = r.int1();
  const mi = r.int1();
  const s = r.int1();
  const us = len === 12 ? r.int4() : 0;
  return `${neg ? '-' : ''}${pad(days * 24 + h)}:${pad(mi)}:${pad(s)}${us ? `.${pad(us, 6)}` : ''}`;
}

/**
 * Reads one non-NULL parameter value: integers as number (bigint beyond 2^53), floats as number,
 * DECIMAL and temporal values as strings, BLOB-typed values as bytes, other strings as UTF-8 text.
 */
export function readParamValue(r: PacketReader, t: ParamType): unknown {
  switch (t.type) {
    case TypeCode.Null:
      return null;
    case TypeCode.Tiny: {
      const v = r.int1();
      return t.unsigned ? v : (v << 24) >> 24;
    }
    case TypeCode.Short:
    case TypeCode.Year: {
      const v = r.int2();
      return t.unsigned ? v : (v << 16) >> 16;
    }
    case TypeCode.Int24:
    case TypeCode.Long: {
      const v = r.int4();
      return t.unsigned ? v : v | 0;
    }
    case TypeCode.LongLong: {
      const v = r.int8();
      return intResult(t.unsigned ? v : BigInt.asIntN(64, v));
    }
    case TypeCode.Float:
      return r.float();
    case TypeCode.Double:
      return r.double();
    case TypeCode.Date:
    case TypeCode.NewDate:
      return readBinaryDatetime(r, true);
    case TypeCode.Datetime:
    case TypeCode.Timestamp:
      return readBinaryDatetime(r, false);
    case TypeCode.Duration:
      return readBinaryTime(r);
    default: {
      const b = r.lenencBytes();
      return convertStringParam(b, t.type);
    }
  }
}

/** A string-class parameter's bytes (inline or sent as long data) as the value handed to the engine. */
export function convertStringParam(b: Buffer, type: number): unknown {
  if (isBlobType(type) || type === TypeCode.Geometry) return Buffer.from(b);
  return b.toString('utf8');
}

const DATETIME_RE = /^(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,6}))?)?$/;
const TIME_RE = /^(-)?(\d+):(\d{1,2}):(\d{1,2})(?:\.(\d{1,6}))?$/;

function micros(frac: string | undefined): number {
  return frac ? Number(frac.padEnd(6, '0')) : 0;
}

/** Writes a DATE/DATETIME/TIMESTAMP in the binary form, using the shortest length that holds it. */
export function writeBinaryDatetime(w: PacketWriter, text: string): void {
  const m = DATETIME_RE.exec(text.trim());
  if (!m) throw new RangeError(`not a datetime: ${text}`);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0));
  const us = micros(m[7]);
  if (us !== 0) w.int1(11).int2(y).int1(mo).int1(d).int1(h).int1(mi).int1(s).int4(us);
  else if (h || mi || s) w.int1(7).int2(y).int1(mo).int1(d).int1(h).int1(mi).int1(s);
  else if (y || mo || d) w.int1(4).int2(y).int1(mo).int1(d);
  else w.int1(0);
}

/** Writes a TIME in the binary form (sign, days, hours, minutes, seconds, microseconds). */
export function writeBinaryTime(w: PacketWriter, text: string): void {
  const m = TIME_RE.exec(text.trim());
  if (!m) throw new RangeError(`not a time: ${text}`);
  const hours = Number(m[2]);
  const mi = Number(m[3]);
  const s = Number(m[4]);
  const us = micros(m[5]);
  if (hours === 0 && mi === 0 && s === 0 && us === 0) {
    w.int1(0);
    return;
  }
  w.int1(us ? 12 : 8)
    .int1(m[1] ? 1 : 0)
    .int4(Math.floor(hours / 24))
    .int1(hours % 24)
    .int1(mi)
    .int1(s);
  if (us) w.int4(us);
}

function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return BigInt(String(v).trim());
}

function toNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(typeof v === 'bigint' ? v : String(v));
}

/** Text of a value: parsed JSON (plain objects and arrays) re-serialised, anything else by its toString. */
function asText(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1');
  if (Array.isArray(v) || (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype)) {
    return JSON.stringify(v);
  }
  return String(v);
}

/** A BIT value as the text protocol sends it: the engine's decimal text as big-endian bytes. */
export function bitTextBytes(text: string, widthBits: number): Uint8Array {
  return bitBytes(BigInt(text), widthBits);
}

/** BIT values: big-endian bytes, as many as the column's width needs. */
function bitBytes(v: unknown, widthBits: number): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return Buffer.from(v, 'latin1');
  return Buffer.from(bitValueBytes(toBigInt(v), widthBits), 'latin1');
}

/** Bytes of a string-class value: binary strings as they are, text as UTF-8. */
export function stringBytes(v: unknown, binary: boolean): Uint8Array {
  if (v instanceof Uint8Array) return v;
  const s = asText(v);
  // The engine's binary strings hold one byte per char code.
  if (binary && !/[^\u0000-\u00ff]/.test(s)) return Buffer.from(s, 'latin1');
  return Buffer.from(s, 'utf8');
}

/** Column facts the binary encoder needs. */
export interface BinaryColumn {
  type: number;
  flags: number;
  length: number;
  charsetId: number;
}

/** Writes one non-NULL value of a binary result row in the form its column type demands. */
export function writeBinaryValue(w: PacketWriter, col: BinaryColumn, v: unknown): void {
  switch (col.type) {
    case TypeCode.Tiny:
      w.int1(Number(BigInt.asUintN(8, toBigInt(v))));
      return;
    case TypeCode.Short:
    case TypeCode.Year:
      w.int2(Number(BigInt.asUintN(16, toBigInt(v))));
      return;
    case TypeCode.Int24:
    case TypeCode.Long:
      w.int4(Number(BigInt.asUintN(32, toBigInt(v))));
      return;
    case TypeCode.LongLong:
      w.int8(toBigInt(v));
      return;
    case TypeCode.Float:
      w.float(toNumber(v));
      return;
    case TypeCode.Double:
      w.double(toNumber(v));
      return;
    case TypeCode.Date:
    case TypeCode.NewDate:
    case TypeCode.Datetime:
    case TypeCode.Timestamp:
      writeBinaryDatetime(w, asText(v));
      return;
    case TypeCode.Duration:
      writeBinaryTime(w, asText(v));
      return;
    case TypeCode.Bit:
      w.lenencBytes(bitBytes(v, col.length));
      return;
    default:
      w.lenencBytes(stringBytes(v, col.charsetId === 63));
  }
}
