// The row format: values keyed by column ID, so that ADD COLUMN and DROP COLUMN need no rewrite
// (a column missing from a stored row reads as undefined: the caller uses its default; a dropped
// column's value is skipped). Each value is a tag telling how it is stored, then the value.
//
// Layout (as TiDB's row format v2, an offset per column so a reader goes straight to the columns it
// wants instead of stepping over every value before them): version byte (which also tells the offsets'
// width: 1, 2 or 4 bytes, the fewest that hold the row's length), column count, each value's start
// offset in the row, each column's ID (varint), then the values. Rows written before this layout
// (ROW_V1: count, then ID and value for each column in turn) are still read.
import { internalError } from '../../errors/index.js';
import { Decimal } from '../../types/decimal.js';
import { CHARSET_BIN, type FieldType, TypeCode } from '../../types/field-type.js';
import { JsonValue } from '../../types/json.js';
import { Duration, MyTime } from '../../types/time.js';
import type { Value } from '../../types/value.js';
import { ByteReader, ByteWriter, bytesToUtf8, int64Words, utf8ToBytes, wordsToInt } from './bytes.js';
import { readTime, writeTime } from './memcomparable.js';

const ROW_V1 = 0x80;
/** ROW_V2 + log2 of the offsets' width: 1, 2 or 4 bytes. */
const ROW_V2 = 0x81;
const ROW_V2_LAST = ROW_V2 + 2;

const TAG_NULL = 0;
/** A safe integer of magnitude below 2**52, zigzag varint. */
const TAG_SMALL_INT = 1;
const TAG_INT64 = 2;
const TAG_UINT64 = 3;
const TAG_FLOAT = 4;
const TAG_DECIMAL = 5;
const TAG_STRING = 6;
const TAG_TIME = 7;
const TAG_DURATION = 8;
const TAG_JSON = 9;
/** A decimal whose coefficient is a safe integer below 2**52: scale, then the zigzag varint coefficient. */
const TAG_SMALL_DECIMAL = 10;

const SMALL_LIMIT = 2 ** 52;

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

function uvarintLength(n: number): number {
  let len = 1;
  for (; n >= 0x80; n = Math.floor(n / 0x80)) len++;
  return len;
}

/** Encodes a row: values[i] of column colIds[i], typed types[i]. */
export function encodeRow(colIds: readonly number[], values: readonly Value[], types: readonly FieldType[]): string {
  const n = colIds.length;
  const data = new ByteWriter();
  const starts: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = data.length;
    writeValue(data, values[i], types[i]);
  }
  let idBytes = 0;
  for (let i = 0; i < n; i++) idBytes += uvarintLength(colIds[i]!);
  const headerOf = (width: number) => 1 + uvarintLength(n) + n * width + idBytes;
  const log2 = headerOf(1) + data.length <= 0xff ? 0 : headerOf(2) + data.length <= 0xffff ? 1 : 2;
  const header = headerOf(1 << log2);
  const w = new ByteWriter();
  w.byte(ROW_V2 + log2);
  w.uvarint(n);
  for (let i = 0; i < n; i++) {
    const at = header + starts[i]!;
    if (log2 === 2) {
      w.byte(at >>> 24);
      w.byte((at >>> 16) & 0xff);
    }
    if (log2 >= 1) w.byte((at >>> 8) & 0xff);
    w.byte(at & 0xff);
  }
  for (let i = 0; i < n; i++) w.uvarint(colIds[i]!);
  w.bytes(data.finish());
  return w.finish();
}

/** Writes one value as a row stores it (tag, then the value); statistics reuse it for histogram bounds. */
export function writeValue(w: ByteWriter, v: Value, ft: FieldType): void {
  if (v === null) {
    w.byte(TAG_NULL);
  } else if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < SMALL_LIMIT && !isFloatType(ft)) {
      w.byte(TAG_SMALL_INT);
      w.uvarint(zigzag(v));
    } else if (Number.isSafeInteger(v) && !isFloatType(ft)) {
      const [hi, lo] = int64Words(v);
      w.byte(v < 0 ? TAG_INT64 : TAG_UINT64);
      w.u64Words(hi >>> 0, lo);
    } else {
      w.byte(TAG_FLOAT);
      f64[0] = v;
      w.u64Words(f64Words[1], f64Words[0]);
    }
  } else if (typeof v === 'bigint') {
    const [hi, lo] = int64Words(v);
    w.byte(v < 0n ? TAG_INT64 : TAG_UINT64);
    w.u64Words(hi >>> 0, lo);
  } else if (typeof v === 'string') {
    const b = ft.charset === CHARSET_BIN ? v : utf8ToBytes(v);
    w.byte(TAG_STRING);
    w.uvarint(b.length);
    w.bytes(b);
  } else if (v instanceof Decimal) {
    // Most stored decimals fit a varint, which decodes without parsing digits.
    const small = v.smallCoef;
    if (small !== null && small < SMALL_LIMIT && small > -SMALL_LIMIT) {
      w.byte(TAG_SMALL_DECIMAL);
      w.uvarint(v.scale);
      w.uvarint(zigzag(small));
      return;
    }
    const digits = v.coef.toString();
    w.byte(TAG_DECIMAL);
    w.uvarint(v.scale);
    w.uvarint(digits.length);
    w.bytes(digits);
  } else if (v instanceof MyTime) {
    w.byte(TAG_TIME);
    writeTime(w, v);
  } else if (v instanceof Duration) {
    w.byte(TAG_DURATION);
    w.uvarint(zigzag(v.micros));
  } else if (v instanceof JsonValue) {
    const b = utf8ToBytes(v.toString());
    w.byte(TAG_JSON);
    w.uvarint(b.length);
    w.bytes(b);
  } else {
    throw internalError('cannot encode value of unknown kind');
  }
}

function isFloatType(ft: FieldType): boolean {
  return ft.tp === TypeCode.Float || ft.tp === TypeCode.Double;
}

/**
 * The columns a decoder wants; `positions[colId]` is 1 + the column's place in the output (0: not wanted),
 * by default its place in `colIds`. `width` (default colIds.length) is the output's length: a plan may
 * leave slots for the caller (the handle), and `types` is indexed by output place.
 */
export interface RowDecodePlan {
  readonly colIds: readonly number[];
  readonly types: readonly FieldType[];
  readonly positions?: Int32Array;
  readonly width?: number;
}

/** A decode plan with its position table, for decoders reused across many rows. */
export function rowDecodePlan(colIds: readonly number[], types: readonly FieldType[]): RowDecodePlan {
  const positions = new Int32Array(Math.max(0, ...colIds) + 1);
  colIds.forEach((id, i) => {
    positions[id] = i + 1;
  });
  return { colIds, types, positions };
}

/**
 * Decodes the wanted columns of a row; undefined for a column the row does not store
 * (added after the row was written: the caller supplies its default).
 */
export function decodeRow(
  bytes: string,
  want: RowDecodePlan,
  /** Decode into this row (its other places are left as they are) instead of a new one. */
  into?: (Value | undefined)[],
): (Value | undefined)[] {
  const ids = want.colIds;
  let out = into;
  if (!out) {
    const width = want.width ?? ids.length;
    out = new Array(width);
    for (let i = 0; i < width; i++) out[i] = undefined;
  }
  const version = bytes.charCodeAt(0);
  if (version >= ROW_V2 && version <= ROW_V2_LAST) return decodeRowV2(bytes, want, out, 1 << (version - ROW_V2));
  if (version !== ROW_V1) throw internalError('unknown row format');
  // The first layout (rows written before ROW_V2): each value is found by stepping over the ones before it.
  const r = new ByteReader(bytes, 1);
  const n = r.uvarint();
  const positions = want.positions;
  let missing = ids.length;
  for (let i = 0; i < n && missing > 0; i++) {
    const colId = r.uvarint();
    // Column counts are small: without a position table, a linear search beats building a map per row.
    const at = positions ? (colId < positions.length ? positions[colId]! - 1 : -1) : ids.indexOf(colId);
    const pos = r.pos;
    if (at >= 0) {
      missing--;
      out[at] = valueAt(bytes, pos, want.types[at]!, r);
      r.pos = pos;
    }
    skipValue(r);
  }
  return out;
}

/** decodeRow for the ROW_V2 layout: each wanted value is read at its offset, the others never touched. */
function decodeRowV2(
  bytes: string,
  want: RowDecodePlan,
  out: (Value | undefined)[],
  /** Bytes per offset: 1, 2 or 4. */
  width: number,
): (Value | undefined)[] {
  const ids = want.colIds;
  const positions = want.positions;
  const len = bytes.length;
  const r = new ByteReader(bytes, 1);
  let n = bytes.charCodeAt(1);
  if (n < 0x80) r.pos = 2;
  else n = r.uvarint();
  const startsAt = r.pos;
  let idPos = startsAt + n * width;
  let missing = ids.length;
  for (let i = 0; i < n && missing > 0; i++) {
    if (idPos >= len) throw internalError('corrupted key or row: unexpected end of data');
    let colId = bytes.charCodeAt(idPos);
    if (colId < 0x80) idPos++;
    else {
      r.pos = idPos;
      colId = r.uvarint();
      idPos = r.pos;
    }
    const at = positions ? (colId < positions.length ? positions[colId]! - 1 : -1) : ids.indexOf(colId);
    if (at < 0) continue;
    missing--;
    const s = startsAt + i * width;
    const pos =
      width === 1
        ? bytes.charCodeAt(s)
        : width === 2
          ? (bytes.charCodeAt(s) << 8) | bytes.charCodeAt(s + 1)
          : bytes.charCodeAt(s) * 0x1000000 +
            ((bytes.charCodeAt(s + 1) << 16) | (bytes.charCodeAt(s + 2) << 8) | bytes.charCodeAt(s + 3));
    if (pos >= len) throw internalError('corrupted key or row: unexpected end of data');
    out[at] = valueAt(bytes, pos, want.types[at]!, r);
  }
  return out;
}

/** The value stored at `pos`: the common small forms read in place, the others through `r`. */
function valueAt(bytes: string, pos: number, ft: FieldType, r: ByteReader): Value {
  const tag = bytes.charCodeAt(pos);
  if (tag === TAG_NULL) return null;
  if (tag === TAG_SMALL_INT) {
    const b = bytes.charCodeAt(pos + 1);
    if (b < 0x80) return unzigzag(b);
  } else if (tag === TAG_SMALL_DECIMAL) {
    const scale = bytes.charCodeAt(pos + 1);
    if (scale < 0x80) {
      let p = pos + 2;
      let z = 0;
      let mul = 1;
      let b: number;
      do {
        b = bytes.charCodeAt(p++);
        z += (b & 0x7f) * mul;
        mul *= 0x80;
      } while (b >= 0x80);
      if (p > bytes.length) throw internalError('corrupted key or row: unexpected end of data');
      return new Decimal(unzigzag(z), scale);
    }
  } else if (tag === TAG_STRING) {
    const n = bytes.charCodeAt(pos + 1);
    if (n < 0x80) {
      const end = pos + 2 + n;
      if (end > bytes.length) throw internalError('corrupted key or row: unexpected end of data');
      const b = bytes.slice(pos + 2, end);
      return ft.charset === CHARSET_BIN ? b : bytesToUtf8(b);
    }
  } else if (tag === TAG_FLOAT) {
    if (pos + 9 > bytes.length) throw internalError('corrupted key or row: unexpected end of data');
    f64Words[1] = wordAt(bytes, pos + 1);
    f64Words[0] = wordAt(bytes, pos + 5);
    return f64[0]!;
  }
  r.pos = pos;
  return readValue(r, ft);
}

/** The big-endian 32-bit word at `pos`. */
function wordAt(bytes: string, pos: number): number {
  return (
    ((bytes.charCodeAt(pos) << 24) |
      (bytes.charCodeAt(pos + 1) << 16) |
      (bytes.charCodeAt(pos + 2) << 8) |
      bytes.charCodeAt(pos + 3)) >>>
    0
  );
}

/** Reads one value written by writeValue, as a value of type `ft`. */
export function readValue(r: ByteReader, ft: FieldType): Value {
  const tag = r.byte();
  switch (tag) {
    case TAG_NULL:
      return null;
    case TAG_SMALL_INT:
      return unzigzag(r.uvarint());
    case TAG_INT64:
      return wordsToInt(r.u32() | 0, r.u32(), false);
    case TAG_UINT64:
      return wordsToInt(r.u32(), r.u32(), true);
    case TAG_FLOAT: {
      f64Words[1] = r.u32();
      f64Words[0] = r.u32();
      return f64[0];
    }
    case TAG_SMALL_DECIMAL: {
      const scale = r.uvarint();
      return new Decimal(unzigzag(r.uvarint()), scale);
    }
    case TAG_DECIMAL: {
      const scale = r.uvarint();
      return new Decimal(BigInt(r.bytes(r.uvarint())), scale);
    }
    case TAG_STRING: {
      const b = r.bytes(r.uvarint());
      return ft.charset === CHARSET_BIN ? b : bytesToUtf8(b);
    }
    case TAG_TIME:
      return readTime(r, ft);
    case TAG_DURATION:
      return new Duration(unzigzag(r.uvarint()), Math.max(ft.decimal, 0));
    case TAG_JSON:
      return JsonValue.parse(bytesToUtf8(r.bytes(r.uvarint())));
    default:
      throw internalError(`corrupted row: value tag ${tag}`);
  }
}

function skipValue(r: ByteReader): void {
  const tag = r.byte();
  switch (tag) {
    case TAG_NULL:
      return;
    case TAG_SMALL_INT:
    case TAG_DURATION:
      r.uvarint();
      return;
    case TAG_INT64:
    case TAG_UINT64:
    case TAG_FLOAT:
    case TAG_TIME:
      r.pos += 8;
      return;
    case TAG_SMALL_DECIMAL:
      r.uvarint();
      r.uvarint();
      return;
    case TAG_DECIMAL:
      r.uvarint();
      r.bytes(r.uvarint());
      return;
    case TAG_STRING:
    case TAG_JSON: {
      // Skipped without copying the bytes out.
      const n = r.uvarint();
      if (r.pos + n > r.s.length) throw internalError('corrupted key or row: unexpected end of data');
      r.pos += n;
      return;
    }
    default:
      throw internalError(`corrupted row: value tag ${tag}`);
  }
}
