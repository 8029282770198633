// Decoding a scan's stored rows against its residual conditions. When the conditions read some of the
// columns but not all, a row is decoded in two steps: the columns the conditions read, then, for a row
// they keep, the others; a selective filter then never builds the values of the rows it drops.
import { Column, type Expression } from '../expression/expression.js';
import type { Bytes } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import { placesDecoder, projectedDecoder } from '../table/row-decoders.js';
import type { Handle, Table } from '../table/table.js';
import type { Row } from '../types/value.js';
import { resolverOf } from './executor.js';

type PlacesDecoder = NonNullable<ReturnType<typeof placesDecoder>>;

/** After this many rows, conditions that kept most of them end the two-step decoding (its second step is then pure overhead). */
const TRIAL_ROWS = 1024;

interface TwoSteps {
  filtered: PlacesDecoder;
  rest: PlacesDecoder;
}

/** The two decoders when the conditions read some of the scan's columns but not all; else null. */
function twoSteps(
  table: Table,
  ds: DataSource,
  schema: readonly Column[],
  conds: readonly Expression[],
  alsoRead: readonly number[],
): TwoSteps | null {
  if (conds.length === 0 && alsoRead.length === 0) return null;
  const resolve = resolverOf(schema);
  const read = new Set<number>(alsoRead);
  for (const cond of conds)
    cond.visit((e) => {
      if (e instanceof Column) {
        const i = resolve.indexOf(e.uid);
        if (i >= 0) read.add(i);
      }
    });
  const rest = ds.columnOffsets.map((_, i) => i).filter((p) => !read.has(p));
  if (read.size === 0 || rest.length === 0) return null;
  const filtered = placesDecoder(table, ds.columnOffsets, [...read]);
  const others = placesDecoder(table, ds.columnOffsets, rest);
  return filtered && others ? { filtered, rest: others } : null;
}

/** How a scan's rows decode: whole, and in two steps when its conditions read some columns only. Immutable. */
export class RowDecoding {
  readonly whole: (value: Bytes, handle: Handle) => Row;
  readonly steps: TwoSteps | null;

  constructor(
    table: Table,
    ds: DataSource,
    schema: readonly Column[],
    /** The conditions the reader applies to each row. */
    conds: readonly Expression[],
    /** Whether the reader converts TIMESTAMP columns of the row: it needs the whole row then, decoded in one step. */
    convertsTimestamps: boolean,
    /** Row places the reader checks besides the conditions' columns (runtime filters). */
    alsoRead: readonly number[] = [],
  ) {
    this.whole = projectedDecoder(table, ds.columnOffsets);
    this.steps = convertsTimestamps ? null : twoSteps(table, ds, schema, conds, alsoRead);
  }
}

/** One reader's decoding of the rows it reads (its own: it counts what the conditions keep). */
export class FilteredRowDecoder {
  private steps: TwoSteps | null;
  private seen = 0;
  private kept = 0;

  constructor(
    private readonly decoding: RowDecoding,
    /** Finishes a row (TIMESTAMP columns to the session zone) and applies the conditions. */
    private readonly accept: (row: Row) => boolean,
  ) {
    this.steps = decoding.steps;
  }

  /** The row stored as `value`, or null when the conditions reject it. */
  row(value: Bytes, handle: Handle): Row | null {
    const steps = this.steps;
    if (!steps) {
      const row = this.decoding.whole(value, handle);
      return this.accept(row) ? row : null;
    }
    this.seen++;
    const row = steps.filtered(value, handle);
    if (!this.accept(row)) return null;
    this.kept++;
    steps.rest(value, handle, row);
    return row;
  }

  /** Ends a batch: after the trial rows, conditions that kept most of them go back to one-step decoding. */
  endBatch(): void {
    if (this.steps && this.seen >= TRIAL_ROWS && this.kept * 2 > this.seen) this.steps = null;
  }
}
