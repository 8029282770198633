// TIMESTAMP columns hold UTC in storage (rows and index keys) and the session time zone everywhere
// else: executors convert at the storage boundary, writing session → UTC and reading UTC → session.
import type { TableInfo } from '../catalog/model.js';
import { type FieldType, TypeCode } from '../types/field-type.js';
import { MyTime } from '../types/time.js';
import type { Value } from '../types/value.js';

/** A value of a TIMESTAMP column moved from the session zone (offset `tz` minutes) to UTC. */
export function timestampToStored(v: Value, tz: number): Value {
  return tz !== 0 && v instanceof MyTime ? (v.convertTz(tz, 0) ?? v) : v;
}

/** A stored (UTC) TIMESTAMP value in the session zone. */
export function timestampFromStored(v: Value, tz: number): Value {
  return tz !== 0 && v instanceof MyTime ? (v.convertTz(0, tz) ?? v) : v;
}

const tableTimestamps = new WeakMap<TableInfo, number[]>();

/** Offsets of a table's TIMESTAMP columns. */
export function timestampOffsets(table: TableInfo): readonly number[] {
  let offs = tableTimestamps.get(table);
  if (!offs) {
    offs = [];
    for (const c of table.columns) if (c.type.tp === TypeCode.Timestamp) offs.push(c.offset);
    tableTimestamps.set(table, offs);
  }
  return offs;
}

/** Positions in a reader's row (table column offsets per position, -1 for the handle) holding TIMESTAMPs. */
export function timestampPositions(table: TableInfo, offsets: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const o = offsets[i]!;
    if (o >= 0 && table.columns[o]?.type.tp === TypeCode.Timestamp) out.push(i);
  }
  return out;
}

/** Positions of TIMESTAMP types in a list of key column types. */
export function timestampTypePositions(types: readonly FieldType[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < types.length; i++) if (types[i]!.tp === TypeCode.Timestamp) out.push(i);
  return out;
}

/** In place: the values at `positions` from UTC to the session zone (rows as read). */
export function rowFromStored<R extends Value[]>(row: R, positions: readonly number[], tz: number): R {
  if (tz === 0) return row;
  for (const p of positions) row[p] = timestampFromStored(row[p]!, tz);
  return row;
}

/** A copy of values with those at `positions` moved from the session zone to UTC; the same array when none move. */
export function valuesToStored<R extends readonly Value[]>(values: R, positions: readonly number[], tz: number): R {
  if (tz === 0 || positions.length === 0) return values;
  const out = [...values] as Value[];
  for (const p of positions) if (p < out.length) out[p] = timestampToStored(out[p]!, tz);
  return out as unknown as R;
}

/** A full table row (aligned with its columns) in storage form. */
export function rowToStored<R extends readonly Value[]>(table: TableInfo, row: R, tz: number): R {
  return valuesToStored(row, timestampOffsets(table), tz);
}

/** A full stored table row in the session zone, in place. */
export function rowFromStoredTable<R extends Value[]>(table: TableInfo, row: R, tz: number): R {
  return rowFromStored(row, timestampOffsets(table), tz);
}
