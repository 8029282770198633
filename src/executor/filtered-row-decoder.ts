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
  readonly places: readonly number[];
  readonly decode: PlacesDecoder;
  /** Conditions [previous stage's upTo, upTo) are checked after this stage. */
  readonly upTo: number;
}

interface Steps {
  readonly stages: readonly Stage[];
  /** The columns no condition reads; null when the conditions read them all. */
  readonly rest: PlacesDecoder | null;
  /** A decoder of other places of the same rows (for stages merged at run time). */
  readonly decoderOf: (places: readonly number[]) => PlacesDecoder | null;
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
      last.upTo = c + 1;
    } else {
      plan.push({ places: added, upTo: c + 1 });
    }
  }
  const rest = ds.columnOffsets.map((_, i) => i).filter((p) => !decoded.has(p));
  if (decoded.size === 0 || (rest.length === 0 && plan.length === 1)) return null;
  const decoderOf = (places: readonly number[]) => placesDecoder(table, ds.columnOffsets, places);
  const stages: Stage[] = [];
  for (const st of plan) {
    const decode = decoderOf(st.places);
    if (!decode) return null;
    stages.push({ places: st.places, decode, upTo: st.upTo });
  }
  if (rest.length === 0) return { stages, rest: null, decoderOf };
  const others = decoderOf(rest);
  return others ? { stages, rest: others, decoderOf } : null;
}

/**
 * The stages with each stage whose conditions kept most rows (`kept[s]` of `entered[s]`) merged into the
 * next: decoding its columns apart only paid off for the rows it dropped. Null when nothing merges.
 */
function mergedStages(steps: Steps, entered: readonly number[], kept: readonly number[]): Steps | null {
  const stages = steps.stages;
  const out: Stage[] = [];
  let places: number[] = [];
  for (let i = 0; i < stages.length; i++) {
    const st = stages[i]!;
    places.push(...st.places);
    const last = i === stages.length - 1;
    if (!last && kept[i]! * 2 > entered[i]!) continue;
    const decode = places.length === st.places.length ? st.decode : steps.decoderOf(places);
    if (!decode) return null;
    out.push({ places, decode, upTo: st.upTo });
    places = [];
  }
  return out.length === stages.length ? null : { ...steps, stages: out };
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
  /** Rows read during the trial. */
  private seen = 0;
  /** Rows each stage's conditions kept during the trial (null once the stages are settled); the last, rows kept. */
  private stageKept: number[] | null;

  constructor(
    private readonly decoding: RowDecoding,
    private readonly checks: RowChecks,
  ) {
    this.steps = decoding.steps;
    this.stageKept = this.steps ? this.steps.stages.map(() => 0) : null;
  }

  /** The row stored as `value`, or null when the conditions reject it. */
  row(value: Bytes, handle: Handle): Row | null {
    const steps = this.steps;
    if (!steps) {
      const row = this.decoding.whole(value, handle);
      return this.checks.accept(row) ? row : null;
    }
    const stages = steps.stages;
    const counts = this.stageKept;
    if (counts) this.seen++;
    const first = stages[0]!;
    const row = first.decode(value, handle);
    if (!this.checks.acceptPart(row, 0, first.upTo)) return null;
    if (counts) counts[0]!++;
    for (let i = 1; i < stages.length; i++) {
      const st = stages[i]!;
      st.decode(value, handle, row);
      if (!this.checks.acceptPart(row, stages[i - 1]!.upTo, st.upTo)) return null;
      if (counts) counts[i]!++;
    }
    steps.rest?.(value, handle, row);
    return row;
  }

  /**
   * Ends a batch. After the trial rows: conditions that kept most of them go back to one-step decoding,
   * and a stage whose conditions kept most of the rows they saw merges into the next.
   */
  endBatch(): void {
    const steps = this.steps;
    const counts = this.stageKept;
    if (!steps || !counts || this.seen < TRIAL_ROWS) return;
    this.stageKept = null;
    if (counts[counts.length - 1]! * 2 > this.seen) {
      this.steps = null;
      return;
    }
    const entered = [this.seen, ...counts.slice(0, -1)];
    this.steps = mergedStages(steps, entered, counts) ?? steps;
  }
}
