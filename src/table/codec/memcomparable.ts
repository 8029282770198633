// Order-preserving ("memcomparable") encoding of index values: comparing two encoded tuples as byte
// strings orders them as SQL orders the values (NULL first). Each value starts with a flag byte.
//   int     flag + 8 bytes big-endian with the sign bit flipped;  unsigned (and BIT): 8 bytes as is
//   real    flag + IEEE-754 bits: sign bit flipped for >= 0, all bits inverted for < 0
//   decimal flag + class byte (negative/zero/positive) + exponent + one byte per digit (inverted if negative)
//   string  flag + the collation's sort key, in 8-byte groups each followed by a marker (so a prefix sorts first)
//   time    flag + packed fields as an unsigned 64-bit number; duration: int64 microseconds
//   enum/set: the member number / bit set, as unsigned (MySQL orders them so)
// Binary strings, numbers and temporal values decode; strings under other collations do not (their sort
// key loses case or padding), so decoding returns undefined and readers fetch the row instead.
import { internalError } from '../../errors/index.js';
import { getCollation } from '../../types/collation.js';
import { Decimal } from '../../types/decimal.js';
import { EvalType, evalTypeOf, type FieldType, isUnsigned, TypeCode } from '../../types/field-type.js';
import type { JsonValue } from '../../types/json.js';
import { Duration, MyTime } from '../../types/time.js';
import type { Value } from '../../types/value.js';
import { ByteReader, ByteWriter, int64Words, utf8ToBytes, wordsToInt } from './bytes.js';

export const FLAG_NULL = 0x00;
const FLAG_BYTES = 0x01;
const FLAG_INT = 0x03;
const FLAG_UINT = 0x04;
const FLAG_FLOAT = 0x05;
const FLAG_DECIMAL = 0x06;
const FLAG_DURATION = 0x07;
const FLAG_JSON = 0x08;
/** Greater than every value's flag: an exclusive upper bound after a prefix of values. */
export const FLAG_MAX = 0xfa;

const GROUP = 8;
const GROUP_MARKER = 0xff;

const DEC_NEG = 0x01;
const DEC_ZERO = 0x02;
const DEC_POS = 0x03;
const EXP_BIAS = 0x8000;

/** How a column's values are encoded in keys. */
const enum Kind {
  Int,
  Uint,
  Real,
  Decimal,
  String,
  Time,
  Duration,
  Enum,
  Set,
  Json,
}

/** The key encoding follows the evaluation type; ENUM/SET encode their member numbers, unsigned ints as such. */
function kindOf(ft: FieldType): Kind {
  if (ft.tp === TypeCode.Enum) return Kind.Enum;
  if (ft.tp === TypeCode.Set) return Kind.Set;
  switch (evalTypeOf(ft)) {
    case EvalType.Int:
      return ft.tp === TypeCode.Bit || isUnsigned(ft) ? Kind.Uint : Kind.Int;
    case EvalType.Real:
      return Kind.Real;
    case EvalType.Decimal:
      return Kind.Decimal;
    case EvalType.Datetime:
      return Kind.Time;
    case EvalType.Duration:
      return Kind.Duration;
    case EvalType.Json:
      return Kind.Json;
    default:
      return Kind.String;
  }
}

const TWO_32 = 2 ** 32;

/** The 8 comparable bytes of an int64 (sign bit flipped); safe integers without a writer (keys are hot). */
export function comparableIntBytes(v: number | bigint): string {
  if (typeof v === 'number' && Number.isSafeInteger(v)) {
    const hi = Math.floor(v / TWO_32);
    const lo = v - hi * TWO_32;
    const h = ((hi | 0) ^ 0x80000000) >>> 0;
    return String.fromCharCode(
      h >>> 24,
      (h >>> 16) & 0xff,
      (h >>> 8) & 0xff,
      h & 0xff,
      lo >>> 24,
      (lo >>> 16) & 0xff,
      (lo >>> 8) & 0xff,
      lo & 0xff,
    );
  }
  const w = new ByteWriter();
  writeComparableInt(w, v);
  return w.finish();
}

const INT_FLAG = String.fromCharCode(FLAG_INT);

/** Encodes a tuple of values (one per type) so that byte order is SQL order. */
export function encodeKeyValues(values: readonly Value[], types: readonly FieldType[]): string {
  // One signed integer (index joins' and point reads' usual key) needs no writer.
  if (values.length === 1 && typeof values[0] === 'number' && kindOf(types[0]!) === Kind.Int) {
    return INT_FLAG + comparableIntBytes(values[0]);
  }
  const w = new ByteWriter();
  for (let i = 0; i < values.length; i++) writeKeyValue(w, values[i], types[i]);
  return w.finish();
}

/** Encodes one value, e.g. a range bound. */
export function encodeKeyValue(v: Value, ft: FieldType): string {
  const w = new ByteWriter();
  writeKeyValue(w, v, ft);
  return w.finish();
}

function writeKeyValue(w: ByteWriter, v: Value, ft: FieldType): void {
  if (v === null) {
    w.byte(FLAG_NULL);
    return;
  }
  switch (kindOf(ft)) {
    case Kind.Int:
      w.byte(FLAG_INT);
      writeComparableInt(w, v as number | bigint);
      return;
    case Kind.Uint:
      w.byte(FLAG_UINT);
      writeUint(w, v as number | bigint);
      return;
    case Kind.Real:
      w.byte(FLAG_FLOAT);
      writeReal(w, v as number);
      return;
    case Kind.Decimal:
      w.byte(FLAG_DECIMAL);
      writeDecimal(w, v as Decimal);
      return;
    case Kind.String:
      w.byte(FLAG_BYTES);
      writeGroups(w, stringSortKey(v as string, ft));
      return;
    case Kind.Time:
      w.byte(FLAG_UINT);
      writeTime(w, v as MyTime);
      return;
    case Kind.Duration:
      w.byte(FLAG_DURATION);
      writeComparableInt(w, (v as Duration).micros);
      return;
    case Kind.Enum:
      w.byte(FLAG_UINT);
      writeUint(w, enumNumber(v as string, ft));
      return;
    case Kind.Set:
      w.byte(FLAG_UINT);
      writeUint(w, setBits(v as string, ft));
      return;
    case Kind.Json:
      w.byte(FLAG_JSON);
      writeGroups(w, utf8ToBytes((v as JsonValue).hashKey()));
      return;
  }
}

export function writeComparableInt(w: ByteWriter, v: number | bigint): void {
  const [hi, lo] = int64Words(v);
  w.u64Words((hi ^ 0x80000000) >>> 0, lo);
}

function writeUint(w: ByteWriter, v: number | bigint): void {
  const [hi, lo] = int64Words(v);
  w.u64Words(hi >>> 0, lo);
}

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);
// Float64Array shares the platform's byte order; Node runs on little-endian machines.
const LO = 0;
const HI = 1;

function writeReal(w: ByteWriter, x: number): void {
  f64[0] = x === 0 ? 0 : x; // -0 equals 0
  let hi = f64Words[HI];
  let lo = f64Words[LO];
  if (x >= 0) {
    hi = (hi | 0x80000000) >>> 0;
  } else {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  }
  w.u64Words(hi, lo);
}

function readReal(r: ByteReader): number {
  let hi = r.u32();
  let lo = r.u32();
  if (hi & 0x80000000) {
    hi = (hi & 0x7fffffff) >>> 0;
  } else {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  }
  f64Words[HI] = hi;
  f64Words[LO] = lo;
  return f64[0];
}

/** Decimal as sign class, then 0.d1d2... x 10^exp with trailing zeros removed; digits stored as d+1, ended by 0. */
function writeDecimal(w: ByteWriter, d: Decimal): void {
  if (d.coef === 0n) {
    w.byte(DEC_ZERO);
    return;
  }
  const neg = d.coef < 0n;
  const digits = (neg ? -d.coef : d.coef).toString().replace(/0+$/, '');
  const totalDigits = (neg ? -d.coef : d.coef).toString().length;
  const exp = totalDigits - d.scale;
  const flip = neg ? 0xff : 0;
  w.byte(neg ? DEC_NEG : DEC_POS);
  const e = (exp + EXP_BIAS) ^ (neg ? 0xffff : 0);
  w.byte((e >> 8) & 0xff);
  w.byte(e & 0xff);
  for (let i = 0; i < digits.length; i++) w.byte((digits.charCodeAt(i) - 0x30 + 1) ^ flip);
  w.byte(flip);
}

function readDecimal(r: ByteReader, ft: FieldType): Decimal {
  const cls = r.byte();
  if (cls === DEC_ZERO) return new Decimal(0n, Math.max(ft.decimal, 0));
  const neg = cls === DEC_NEG;
  const flip = neg ? 0xff : 0;
  const exp = (((r.byte() << 8) | r.byte()) ^ (neg ? 0xffff : 0)) - EXP_BIAS;
  let digits = '';
  for (;;) {
    const b = r.byte() ^ flip;
    if (b === 0) break;
    digits += String.fromCharCode(b - 1 + 0x30);
  }
  // value = 0.digits x 10^exp = digits x 10^(exp - len)
  let scale = digits.length - exp;
  let coef = BigInt(digits);
  if (scale < 0) {
    coef *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (ft.decimal > scale) {
    coef *= 10n ** BigInt(ft.decimal - scale);
    scale = ft.decimal;
  }
  return new Decimal(neg ? -coef : coef, scale);
}

function stringSortKey(s: string, ft: FieldType): string {
  const coll = getCollation(ft.collate);
  if (coll === undefined) throw internalError(`unknown collation ${ft.collate}`);
  return coll.sortKey(s);
}

/** Groups of 8 bytes, zero-padded, each followed by 0xFF minus the padding. */
function writeGroups(w: ByteWriter, b: string): void {
  for (let i = 0; i <= b.length; i += GROUP) {
    const n = Math.min(GROUP, b.length - i);
    for (let j = 0; j < n; j++) w.byte(b.charCodeAt(i + j));
    for (let j = n; j < GROUP; j++) w.byte(0);
    w.byte(GROUP_MARKER - (GROUP - n));
  }
}

function readGroups(r: ByteReader): string {
  let out = '';
  for (;;) {
    const group = r.bytes(GROUP);
    const marker = r.byte();
    const pad = GROUP_MARKER - marker;
    if (pad > GROUP) throw internalError('corrupted key: bad group marker');
    out += group.slice(0, GROUP - pad);
    if (pad !== 0) return out;
  }
}

// Time as TiDB packs it: ((year*13 + month) << 5 | day) << 17 | hour << 12 | minute << 6 | second, then << 24 | microsecond.
export function writeTime(w: ByteWriter, t: MyTime): void {
  const ymd = ((t.year * 13 + t.month) * 32 + t.day) * 2 ** 17;
  const hms = t.hour * 4096 + t.minute * 64 + t.second;
  const high = ymd + hms; // < 2**40
  const hi = Math.floor(high / 256);
  const lo = ((high % 256) * 2 ** 24 + t.microsecond) >>> 0;
  w.u64Words(hi >>> 0, lo);
}

export function readTime(r: ByteReader, ft: FieldType): MyTime {
  const hi = r.u32();
  const lo = r.u32();
  const high = hi * 256 + (lo >>> 24);
  const microsecond = lo & 0xffffff;
  const ymd = Math.floor(high / 2 ** 17);
  const hms = high % 2 ** 17;
  const day = ymd % 32;
  const ym = Math.floor(ymd / 32);
  const fsp = ft.tp === TypeCode.Date ? 0 : Math.max(ft.decimal, 0);
  return new MyTime(
    Math.floor(ym / 13),
    ym % 13,
    day,
    Math.floor(hms / 4096),
    Math.floor(hms / 64) % 64,
    hms % 64,
    microsecond,
    ft.tp === TypeCode.NewDate ? TypeCode.Date : ft.tp,
    fsp,
  );
}

function enumNumber(v: string, ft: FieldType): number {
  const elems = ft.elems ?? [];
  let i = elems.indexOf(v);
  if (i < 0) {
    const coll = getCollation(ft.collate);
    i = elems.findIndex((e) => coll?.compare(e, v) === 0);
  }
  return i + 1; // 0 is the '' error value
}

function setBits(v: string, ft: FieldType): number | bigint {
  if (v === '') return 0;
  const elems = ft.elems ?? [];
  let bits = 0n;
  for (const m of v.split(',')) {
    const i = elems.indexOf(m);
    if (i >= 0) bits |= 1n << BigInt(i);
  }
  return bits <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(bits) : bits;
}

function setString(bits: number | bigint, ft: FieldType): string {
  const elems = ft.elems ?? [];
  const b = BigInt(bits);
  const out: string[] = [];
  for (let i = 0; i < elems.length; i++) if ((b >> BigInt(i)) & 1n) out.push(elems[i]);
  return out.join(',');
}

function readInt64(r: ByteReader, unsigned: boolean): number | bigint {
  const hi = r.u32();
  const lo = r.u32();
  return wordsToInt(unsigned ? hi : (hi ^ 0x80000000) | 0, lo, unsigned);
}

/** Decodes a comparable int64 at the reader's position (the flag byte already read). */
export function readComparableInt(r: ByteReader): number | bigint {
  return readInt64(r, false);
}

/**
 * Decodes `types.length` values starting at `pos`. A value that cannot be recovered from its key
 * (a string under a non-binary collation, JSON) is undefined. Returns the position after them.
 */
export function decodeKeyValues(
  key: string,
  types: readonly FieldType[],
  pos = 0,
  /** PAD SPACE code point strings come back without their trailing spaces (the caller restores them). */
  trimmed = false,
): { values: (Value | undefined)[]; pos: number } {
  const r = new ByteReader(key, pos);
  const values: (Value | undefined)[] = [];
  for (const ft of types) values.push(readKeyValue(r, ft, trimmed));
  return { values, pos: r.pos };
}

function readKeyValue(r: ByteReader, ft: FieldType, trimmed: boolean): Value | undefined {
  const flag = r.byte();
  if (flag === FLAG_NULL) return null;
  switch (kindOf(ft)) {
    case Kind.Int:
      return readInt64(r, false);
    case Kind.Uint:
      return readInt64(r, true);
    case Kind.Real:
      return readReal(r);
    case Kind.Decimal:
      return readDecimal(r, ft);
    case Kind.String: {
      const b = readGroups(r);
      if (ft.collate === 'binary') return b;
      const coll = getCollation(ft.collate);
      if (coll?.keyKeeps === 'all' || (trimmed && coll?.keyKeeps === 'trimmed')) return coll.fromSortKey(b);
      return undefined;
    }
    case Kind.Time:
      return readTime(r, ft);
    case Kind.Duration: {
      const micros = readInt64(r, false);
      return new Duration(Number(micros), Math.max(ft.decimal, 0));
    }
    case Kind.Enum: {
      const n = Number(readInt64(r, true));
      return n === 0 ? '' : (ft.elems?.[n - 1] ?? '');
    }
    case Kind.Set:
      return setString(readInt64(r, true), ft);
    case Kind.Json:
      readGroups(r);
      return undefined;
  }
}

/** Whether every value of this type decodes from its key. */
/** Whether the key of a value of this type is its collation's sort key (a string under a text collation). */
export function isCollatedStringKey(ft: FieldType): boolean {
  return kindOf(ft) === Kind.String && ft.collate !== 'binary';
}

export function isKeyDecodable(ft: FieldType): boolean {
  const k = kindOf(ft);
  if (k === Kind.Json) return false;
  return k !== Kind.String || ft.collate === 'binary' || getCollation(ft.collate)?.keyKeeps === 'all';
}
