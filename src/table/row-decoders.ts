// Decoders of a table's stored rows straight into a reader's row shape: only the columns a reader reads are
// decoded, each into its output place; a column missing from an older row reads as its default, and the
// handle place (offset -1) takes the row's handle.
import type { Bytes } from '../kv/kv.js';
import type { FieldType } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import { decodeRow, type RowDecodePlan } from './codec/row.js';
import type { Handle, Table } from './table.js';

/** Every column at `offsets` (table column offsets; -1 for the handle), in that order. */
export function projectedDecoder(t: Table, offsets: readonly number[]): (value: Bytes, handle: Handle) => Value[] {
  const decode = placesDecoder(
    t,
    offsets,
    offsets.map((_, i) => i),
  );
  if (decode) return decode;
  // A column read twice: the whole row, then each place from it.
  return (value, handle) => {
    const row = t.decodeRowValue(value);
    return offsets.map((o) => (o < 0 ? (handle as Value) : row[o]!));
  };
}

/**
 * The output places `places` only of the row shape `offsets` (the others stay undefined), into `into` when
 * given: a scan decodes the columns its filter reads, then the others of the rows that pass. Null when a
 * stored column appears twice in `offsets`.
 */
export function placesDecoder(
  t: Table,
  offsets: readonly number[],
  places: readonly number[],
): ((value: Bytes, handle: Handle, into?: Value[]) => Value[]) | null {
  const stored = offsets.filter((o) => o >= 0);
  if (new Set(stored).size !== stored.length) return null;
  const colIds: number[] = [];
  const positions = new Int32Array(Math.max(0, ...stored.map((o) => t.colIds[o]!)) + 1);
  const types: FieldType[] = [];
  for (const p of places) {
    const o = offsets[p]!;
    if (o < 0) continue;
    colIds.push(t.colIds[o]!);
    positions[t.colIds[o]!] = p + 1;
    types[p] = t.types[o]!;
  }
  const want: RowDecodePlan = { colIds, types, positions, width: offsets.length };
  const defaults = t.originDefaults;
  return (value, handle, into) => {
    const out = decodeRow(value, want, into) as Value[];
    for (const p of places) {
      if (out[p] !== undefined) continue;
      const o = offsets[p]!;
      out[p] = o < 0 ? (handle as Value) : defaults[o]!;
    }
    return out;
  };
}
