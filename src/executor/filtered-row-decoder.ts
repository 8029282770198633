// Decoding a scan's stored rows against its residual conditions. When the conditions read some of the
// columns, a row is decoded in stages: the columns the first condition reads, which it then checks; the
// columns the next condition adds, and so on; then, for a row every condition keeps, the columns none of
// them reads. A selective condition then never builds the values its row's later conditions and output
// would have needed. Conditions are checked in their order, as the one-step filter checks them.
import { Column, type Expression } from '../expression/expression.js';
import type { Bytes } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import { placesDecoder, projectedDecoder } from '../table/row-decoders.js';
import type { Handle, Table } from '../table/table.js';
import type { Row } from '../types/value.js';
import { resolverOf } from './executor.js';

type PlacesDecoder = NonNullable<ReturnType<typeof placesDecoder>>;

/** After this many rows, conditions that kept most of them end the staged decoding (its steps are then pure overhead). */
const TRIAL_ROWS = 1024;
/** Most decoding stages before the rest (each re-reads the row's header; later conditions share the last). */
const MAX_STAGES = 3;

/** A decoding stage: the columns it adds, and the conditions checkable once it has run. */
interface Stage {
  readonly decode: PlacesDecoder;
  /** Conditions [previous stage's upTo, upTo) are checked after this stage. */
  readonly upTo: number;
}

interface Steps {
  readonly stages: readonly Stage[];
  /** The columns no condition reads; null when the conditions read them all. */
  readonly rest: PlacesDecoder | null;
}

/** The stages when the conditions allow decoding a row in parts (see the file comment); else null. */
function stagesOf(
  table: Table,
  ds: DataSource,
  schema: readonly Column[],
  conds: readonly Expression[],
  alsoRead: readonly number[],
): Steps | null {
  if (conds.length === 0 && alsoRead.length === 0) return null;
  const resolve = resolverOf(schema);
  const placesOf = (cond: Expression): number[] => {
    const out: number[] = [];
    cond.visit((e) => {
      if (e instanceof Column) {
        const i = resolve.indexOf(e.uid);
        if (i >= 0) out.push(i);
      }
    });
    return out;
  };
  const decoded = new Set<number>(alsoRead);
  const plan: { places: number[]; upTo: number }[] = [{ places: [...decoded], upTo: 0 }];
  for (let c = 0; c < conds.length; c++) {
    const added = [...new Set(placesOf(conds[c]!))].filter((p) => !decoded.has(p));
    for (const p of added) decoded.add(p);
    const last = plan[plan.length - 1]!;
    // A condition that reads nothing new, or one past the last stage, is checked with the stage before;
    // a first stage that decodes nothing yet takes the condition's columns.
    if (added.length === 0 || plan.length === MAX_STAGES || last.places.length === 0) {
      last.places.push(...added);
    } else {
      plan.push({ places: added, upTo: c });
    }
    plan[plan.length - 1]!.upTo = c + 1;
  }
  const rest = ds.columnOffsets.map((_, i) => i).filter((p) => !decoded.has(p));
  if (decoded.size === 0 || (rest.length === 0 && plan.length === 1)) return null;
  const stages: Stage[] = [];
  for (const st of plan) {
    const decode = placesDecoder(table, ds.columnOffsets, st.places);
    if (!decode) return null;
    stages.push({ decode, upTo: st.upTo });
  }
  if (rest.length === 0) return { stages, rest: null };
  const others = placesDecoder(table, ds.columnOffsets, rest);
  return others ? { stages, rest: others } : null;
}

/** How a scan's rows decode: whole, and in stages when its conditions read some columns only. Immutable. */
export class RowDecoding {
  readonly whole: (value: Bytes, handle: Handle) => Row;
  readonly steps: Steps | null;

  constructor(
    table: Table,
    ds: DataSource,
    schema: readonly Column[],
    /** The conditions the reader applies to each row, in the order it checks them. */
    conds: readonly Expression[],
    /** Whether the reader converts TIMESTAMP columns of the row: it needs the whole row then, decoded in one step. */
    convertsTimestamps: boolean,
    /** Row places the reader checks besides the conditions' columns (runtime filters). */
    alsoRead: readonly number[] = [],
  ) {
    this.whole = projectedDecoder(table, ds.columnOffsets);
    this.steps = convertsTimestamps ? null : stagesOf(table, ds, schema, conds, alsoRead);
  }
}

/** What a reader checks of its rows, whole or decoded in part. */
export interface RowChecks {
  /** A whole row: finishes it (TIMESTAMP columns to the session zone), then checks everything. */
  accept(row: Row): boolean;
  /** A row decoded in part (no TIMESTAMP conversion): runtime filters when `from` is 0, then conditions [from, to). */
  acceptPart(row: Row, from: number, to: number): boolean;
}

/** One reader's decoding of the rows it reads (its own: it counts what the conditions keep). */
export class FilteredRowDecoder {
  private steps: Steps | null;
  private seen = 0;
  private kept = 0;

  constructor(
    private readonly decoding: RowDecoding,
    private readonly checks: RowChecks,
  ) {
    this.steps = decoding.steps;
  }

  /** The row stored as `value`, or null when the conditions reject it. */
  row(value: Bytes, handle: Handle): Row | null {
    const steps = this.steps;
    if (!steps) {
      const row = this.decoding.whole(value, handle);
      return this.checks.accept(row) ? row : null;
    }
    this.seen++;
    const stages = steps.stages;
    const first = stages[0]!;
    const row = first.decode(value, handle);
    if (!this.checks.acceptPart(row, 0, first.upTo)) return null;
    for (let i = 1; i < stages.length; i++) {
      const st = stages[i]!;
      st.decode(value, handle, row);
      if (!this.checks.acceptPart(row, stages[i - 1]!.upTo, st.upTo)) return null;
    }
    this.kept++;
    steps.rest?.(value, handle, row);
    return row;
  }

  /** Ends a batch: after the trial rows, conditions that kept most of them go back to one-step decoding. */
  endBatch(): void {
    if (this.steps && this.seen >= TRIAL_ROWS && this.kept * 2 > this.seen) this.steps = null;
  }
}
