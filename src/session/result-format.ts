// Result metadata and values as clients see them: MySQL column definitions and text-protocol
// strings, or JS values for the embedded API.
import type { FieldInfo, RowMode } from '../api-types.js';
import type { Column } from '../expression/expression.js';
import type { OutputName } from '../planner/builder/select.js';
import { collationById, getCollation } from '../types/collation.js';
import { formatReal, toStringValue } from '../types/convert.js';
import { formatRealWithDecimals } from '../types/real-format.js';
import { Decimal } from '../types/decimal.js';
import { CHARSET_BIN, type FieldType, Flag, TypeCode } from '../types/field-type.js';
import { JsonValue } from '../types/json.js';
import { Duration, MyTime } from '../types/time.js';
import { typeToString } from '../types/type-name.js';
import { bitValueBytes, type Row, type Value } from '../types/value.js';

const MAX_LEN: Partial<Record<number, number>> = {
  [TypeCode.Tiny]: 4,
  [TypeCode.Short]: 6,
  [TypeCode.Int24]: 9,
  [TypeCode.Long]: 11,
  [TypeCode.LongLong]: 20,
};

export function fieldInfo(col: Column, name: OutputName): FieldInfo {
  const t = col.type;
  const binary = t.charset === CHARSET_BIN;
  const coll = binary ? undefined : getCollation(t.collate);
  const charsetId = binary ? 63 : (coll?.id ?? 46);
  const maxBytes = binary ? 1 : t.charset === 'utf8mb4' ? 4 : t.charset === 'utf8' ? 3 : 1;
  let length = t.flen < 0 ? (MAX_LEN[t.tp] ?? 0) : t.flen;
  if (t.tp === TypeCode.VarString || t.tp === TypeCode.String || t.tp === TypeCode.Varchar) length *= maxBytes;
  if (t.tp === TypeCode.NewDecimal && t.flen > 0) length = t.flen + (t.decimal > 0 ? 1 : 0) + 1;
  let decimals = t.decimal < 0 ? (t.tp === TypeCode.Double || t.tp === TypeCode.Float ? 31 : 0) : t.decimal;
  if (t.tp === TypeCode.VarString || t.tp === TypeCode.String) decimals = 0;
  // Only the protocol's 16 flag bits reach clients (IsBoolean and other internal bits stay inside).
  let flags = t.flag & 0xffff;
  if (binary && t.tp !== TypeCode.JSON) flags |= Flag.Binary;
  return {
    name: name.name,
    orgName: name.orgName,
    table: name.table,
    orgTable: name.orgTable,
    db: name.db,
    type: protocolType(t),
    typeName: typeToString(t),
    flags,
    length,
    decimals,
    charsetId,
    collation: binary ? 'binary' : (collationById(charsetId)?.name ?? t.collate),
  };
}

/** Protocol type codes: VARCHAR columns are sent as VAR_STRING, as MySQL does. */
function protocolType(t: FieldType): number {
  if (t.tp === TypeCode.Varchar) return TypeCode.VarString;
  if (t.tp === TypeCode.Enum || t.tp === TypeCode.Set) return TypeCode.String;
  return t.tp;
}

/** The MySQL text-protocol rendering of a value of type `t`. */
export function textValue(v: Value, t: FieldType): string | null {
  if (v === null) return null;
  // BIT travels as its bytes, not as a number.
  if (t.tp === TypeCode.Bit && (typeof v === 'number' || typeof v === 'bigint')) return bitValueBytes(v, t.flen);
  if (typeof v === 'number') {
    if (t.tp === TypeCode.Double) return formatRealWithDecimals(v, t.decimal);
    if (t.tp === TypeCode.Float) return formatRealWithDecimals(v, t.decimal, true);
    if (!Number.isInteger(v)) return formatReal(v);
    if (t.flag & Flag.Zerofill && t.flen > 0) return String(v).padStart(t.flen, '0');
    if (t.tp === TypeCode.Year) return String(v).padStart(4, '0');
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  // Binary strings stay byte strings (one char per byte), as the protocol sends them.
  if (typeof v === 'string') return v;
  return toStringValue(v);
}

/** Embedded-API value: numbers, bigint beyond 2^53, DECIMAL/temporal as strings, binary as Uint8Array, JSON parsed. */
export function jsValue(v: Value, t: FieldType): unknown {
  if (v === null) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'string') {
    if (t.charset === CHARSET_BIN && t.tp !== TypeCode.Bit) return Uint8Array.from(Buffer.from(v, 'latin1'));
    return v;
  }
  if (v instanceof Decimal || v instanceof MyTime || v instanceof Duration) return v.toString();
  if (v instanceof JsonValue) return JSON.parse(v.toString());
  return String(v);
}

export function formatRows(
  rows: Row[],
  types: readonly FieldType[],
  names: readonly string[],
  mode: RowMode,
): unknown[] {
  if (mode === 'text') return rows.map((r) => r.map((v, i) => textValue(v, types[i]!)));
  if (mode === 'array') return rows.map((r) => r.map((v, i) => jsValue(v, types[i]!)));
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    r.forEach((v, i) => {
      o[names[i]!] = jsValue(v, types[i]!);
    });
    return o;
  });
}
