// The run-time representation of SQL values. Which representation a value has is fixed by the
// static type of the column or expression that produced it (see evalTypeOf):
//   NULL                  -> null
//   Int (all integer types, YEAR, BIT)
//                         -> number when it is a safe integer, otherwise bigint (never a bigint that
//                            fits in a safe integer, so === works for equality)
//   Real (FLOAT, DOUBLE)  -> number
//   Decimal               -> Decimal
//   String (CHAR, VARCHAR, TEXT, ENUM, SET)
//                         -> string; for binary strings (BINARY, VARBINARY, BLOB) each char code is one byte
//   Datetime (DATE, DATETIME, TIMESTAMP) -> MyTime
//   Duration (TIME)       -> Duration
//   Json                  -> JsonValue
import type { Decimal } from './decimal.js';
import type { JsonValue } from './json.js';
import type { Duration, MyTime } from './time.js';

export type Value = null | number | bigint | string | Decimal | MyTime | Duration | JsonValue;
export type Row = Value[];

/** Turns a bigint into the canonical Int representation (number when safe). */
export function normalizeInt(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** A BIT(flen) value as its bytes, big-endian, ceil(flen / 8) of them: what the protocol sends and defaults store. */
export function bitValueBytes(v: number | bigint, flen: number): string {
  let n = BigInt.asUintN(64, BigInt(v));
  const len = Math.max(1, Math.ceil(flen / 8));
  const codes: number[] = new Array(len);
  for (let i = len - 1; i >= 0; i--) {
    codes[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return String.fromCharCode(...codes);
}
