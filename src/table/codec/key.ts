// TiDB-style keys: a table's rows under 't' + tableID + '_r' + handle, its indexes under
// 't' + tableID + '_i' + indexID + memcomparable index values. IDs and int handles are comparable int64s.
import { internalError } from '../../errors/index.js';
import type { Bytes } from '../../kv/kv.js';
import { ByteReader } from './bytes.js';
import { comparableIntBytes, readComparableInt } from './memcomparable.js';

const TABLE_PREFIX = 't';
const RECORD_SEP = '_r';
const INDEX_SEP = '_i';
/** 't' + 8-byte table ID. */
const TABLE_PREFIX_LEN = 9;
const RECORD_PREFIX_LEN = TABLE_PREFIX_LEN + 2;
/** A row key with an int handle: record prefix + 8 bytes. */
export const INT_HANDLE_KEY_LEN = RECORD_PREFIX_LEN + 8;

/** The 8 comparable bytes of an int64 (sign bit flipped). */
export function comparableInt(v: number | bigint): string {
  return comparableIntBytes(v);
}

/** Table prefixes by table ID (few tables, many keys). */
const tablePrefixes = new Map<number, Bytes>();

export function tablePrefix(tableId: number): Bytes {
  let p = tablePrefixes.get(tableId);
  if (p === undefined) {
    p = TABLE_PREFIX + comparableInt(tableId);
    tablePrefixes.set(tableId, p);
  }
  return p;
}

/** Record prefixes by table ID: every row key starts with one (few tables, many keys). */
const recordPrefixes = new Map<number, Bytes>();

export function recordPrefix(tableId: number): Bytes {
  let p = recordPrefixes.get(tableId);
  if (p === undefined) {
    p = tablePrefix(tableId) + RECORD_SEP;
    recordPrefixes.set(tableId, p);
  }
  return p;
}

const TWO_32 = 2 ** 32;
const T = TABLE_PREFIX.charCodeAt(0);
const UNDERSCORE = RECORD_SEP.charCodeAt(0);
const R = RECORD_SEP.charCodeAt(1);

/** t{tableId}_r{handle} for an int handle. */
export function encodeRowKey(tableId: number, handle: number | bigint): Bytes {
  if (typeof handle !== 'number' || !Number.isSafeInteger(handle)) return recordPrefix(tableId) + comparableInt(handle);
  // One String.fromCharCode gives a flat string (a concatenation would be a rope that the B-tree's first
  // comparison flattens, leaving every later comparison of the stored key one indirection away); the
  // table id's bytes are computed, not looked up, so a table of many partitions costs no more per key.
  const thi = Math.floor(tableId / TWO_32);
  const tlo = tableId - thi * TWO_32;
  const t = ((thi | 0) ^ 0x80000000) >>> 0;
  const hi = Math.floor(handle / TWO_32);
  const lo = handle - hi * TWO_32;
  const h = ((hi | 0) ^ 0x80000000) >>> 0;
  return String.fromCharCode(
    T,
    t >>> 24,
    (t >>> 16) & 0xff,
    (t >>> 8) & 0xff,
    t & 0xff,
    tlo >>> 24,
    (tlo >>> 16) & 0xff,
    (tlo >>> 8) & 0xff,
    tlo & 0xff,
    UNDERSCORE,
    R,
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

/** A row key of a clustered table whose primary key is not one integer: handleBytes are its memcomparable values. */
export function encodeCommonHandleKey(tableId: number, handleBytes: Bytes): Bytes {
  return joinBytes(recordPrefix(tableId), handleBytes);
}

/** The handle of a row key: an integer for int handles, the encoded bytes for common handles. */
export function decodeRowKeyHandle(key: Bytes): number | bigint | Bytes {
  if (
    key.length < RECORD_PREFIX_LEN ||
    key[0] !== TABLE_PREFIX ||
    key.slice(TABLE_PREFIX_LEN, RECORD_PREFIX_LEN) !== RECORD_SEP
  ) {
    throw internalError('not a row key');
  }
  if (key.length === INT_HANDLE_KEY_LEN) return readComparableInt(new ByteReader(key, RECORD_PREFIX_LEN));
  return key.slice(RECORD_PREFIX_LEN);
}

/** The table ID of any table key (row or index). */
export function decodeTableId(key: Bytes): number {
  if (key.length < TABLE_PREFIX_LEN || key[0] !== TABLE_PREFIX) throw internalError('not a table key');
  return Number(readComparableInt(new ByteReader(key, 1)));
}

export function indexPrefix(tableId: number, indexId: number): Bytes {
  return tablePrefix(tableId) + INDEX_SEP + comparableInt(indexId);
}

export function encodeIndexKey(tableId: number, indexId: number, encodedValues: Bytes): Bytes {
  return joinBytes(indexPrefix(tableId, indexId), encodedValues);
}

/**
 * a + b as a flat string when short (keys): a concatenation is a rope that the B-tree's first comparison
 * flattens, leaving every later comparison of a stored key one indirection away (see encodeRowKey).
 */
export function joinBytes(a: Bytes, b: Bytes): Bytes {
  const n = a.length + b.length;
  if (n > 256) return a + b;
  const codes: number[] = new Array(n);
  for (let i = 0; i < a.length; i++) codes[i] = a.charCodeAt(i);
  for (let i = 0; i < b.length; i++) codes[a.length + i] = b.charCodeAt(i);
  return String.fromCharCode.apply(null, codes);
}

/**
 * [prefix + suffix, the smallest key above every key that starts with it): an index probe's range, both
 * keys flat and built from one array of codes (joinBytes and prefixNext would build three).
 */
export function prefixRange(prefix: Bytes, suffix: Bytes): [Bytes, Bytes] {
  const n = prefix.length + suffix.length;
  if (n > 256) {
    const start = prefix + suffix;
    return [start, prefixNext(start)];
  }
  const codes: number[] = new Array(n);
  for (let i = 0; i < prefix.length; i++) codes[i] = prefix.charCodeAt(i);
  for (let i = 0; i < suffix.length; i++) codes[prefix.length + i] = suffix.charCodeAt(i);
  const start: Bytes = String.fromCharCode.apply(null, codes);
  let last = n - 1;
  while (last >= 0 && codes[last] === 0xff) last--;
  if (last < 0) throw internalError('prefixNext of an all-0xFF key has no upper bound');
  codes.length = last + 1;
  codes[last]!++;
  return [start, String.fromCharCode.apply(null, codes)];
}

/** Length of indexPrefix(...): index values start at this offset of an index key. */
export const INDEX_PREFIX_LEN = TABLE_PREFIX_LEN + 2 + 8;

/** The smallest key greater than every key that starts with `prefix`. */
export function prefixNext(prefix: Bytes): Bytes {
  let i = prefix.length - 1;
  while (i >= 0 && prefix.charCodeAt(i) === 0xff) i--;
  if (i < 0) throw internalError('prefixNext of an all-0xFF key has no upper bound');
  return joinBytes(prefix.slice(0, i), String.fromCharCode(prefix.charCodeAt(i) + 1));
}
