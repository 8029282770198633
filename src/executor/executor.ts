// The executor model: a tree of operators, each pulling batches of rows (up to 1024) from its
// children with an async next(). One executor tree per statement execution; its mutable state is
// its own.
import type { Bytes, Snapshot, Transaction } from '../kv/kv.js';
import type { TableInfo } from '../catalog/model.js';
import type { EvalContext } from '../expression/eval-context.js';
import type { Column, ColumnResolver, EvalFn, Expression } from '../expression/expression.js';
import type { HashKey } from '../expression/value-compare.js';
import type { Row, Value } from '../types/value.js';
import { Decimal } from '../types/decimal.js';
import type { MemTracker } from './mem-tracker.js';
import type { RuntimeStatsColl } from './runtime-stats.js';

export const BATCH_SIZE = 1024;

/** What a hash join publishes for the readers under its probe side: its first key's distinct build values. */
export interface RuntimeFilter {
  /** The values' hash keys (keyFnFor of the join key's type). */
  readonly keys: ReadonlySet<HashKey>;
  /** One value per hash key: what an index lookup by the filter reads (see runtime-filter-lookup.ts). */
  readonly values: readonly Value[];
}

export interface ExecContext {
  readonly evalCtx: EvalContext;
  /** Reads see the transaction's own writes. */
  readonly reader: Snapshot;
  readonly txn: Transaction | undefined;
  /** Rows of a virtual (information_schema) table. */
  virtualRows(table: TableInfo): Promise<Row[]>;
  /** Throws when the statement was killed or exceeded max_execution_time. */
  checkKilled(): void;
  /** The statement's memory accounting (tidb_mem_quota_query); operators holding rows report to it. */
  readonly memTracker?: MemTracker;
  /** SELECT ... FOR UPDATE: readers lock the row keys of the rows they return. */
  readonly lockRows?: (keys: readonly Bytes[]) => Promise<void>;
  /** EXPLAIN ANALYZE: where executors record their runtime statistics. */
  readonly runtimeStats?: RuntimeStatsColl;
  /**
   * This execution's runtime filters (planner/rules/runtime-filter.ts): a hash join's build keys by its plan
   * id, set once it has built a small enough table, read by the readers under its probe side.
   */
  readonly runtimeFilters?: Map<number, RuntimeFilter>;
  /**
   * Gives the event loop a turn when the statement has computed for a while without one, so other
   * connections, timers and KILL are served during long statements. Loops over many rows call it.
   */
  pause?(): Promise<void> | undefined;
}

export abstract class Executor {
  // Declared, then assigned in the constructor: a class field of a base class with many subclasses is
  // defined through a megamorphic define (~0.5 µs an object in V8); a plain assignment costs a tenth.
  declare readonly ctx: ExecContext;
  declare readonly children: Executor[];
  constructor(ctx: ExecContext, children: Executor[]) {
    this.ctx = ctx;
    this.children = children;
  }

  async open(): Promise<void> {
    for (const c of this.children) await c.open();
  }

  /** The next batch, or null when done. Batches are never empty. */
  abstract next(): Promise<Row[] | null>;

  async close(): Promise<void> {
    for (const c of this.children) await c.close();
  }
}

/** Lookups a resolver answers by scanning the schema before it builds a map of it. */
const SCANNED_LOOKUPS = 8;

/**
 * Where each column (by uid; its first place) sits in `schema`. An expression list reads few columns, so
 * the first lookups scan the schema; a map is built only for a resolver asked often. (A map per compile
 * cost a 64-table join's wide schemas more than compiling.)
 */
export function resolverOf(schema: readonly Column[]): ColumnResolver {
  let map: Map<number, number> | undefined;
  let lookups = 0;
  return {
    indexOf(uid) {
      if (map) return map.get(uid) ?? -1;
      if (++lookups > SCANNED_LOOKUPS) {
        map = new Map();
        for (let i = schema.length - 1; i >= 0; i--) map.set(schema[i]!.uid, i);
        return map.get(uid) ?? -1;
      }
      for (let i = 0; i < schema.length; i++) if (schema[i]!.uid === uid) return i;
      return -1;
    },
  };
}

export function compileAll(exprs: readonly Expression[], schema: readonly Column[]): EvalFn[] {
  const r = resolverOf(schema);
  return exprs.map((e) => e.compile(r));
}

/** SQL truth of a condition's value: NULL and zero are false. */
export function isTrue(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (v instanceof Decimal) return !v.isZero();
  if (typeof v === 'string') return Number.parseFloat(v) !== 0 && !Number.isNaN(Number.parseFloat(v));
  return true;
}

/** A filter over all conditions, compiled once. */
export function compileFilter(
  conds: readonly Expression[],
  schema: readonly Column[],
): ((row: Row, ctx: EvalContext) => boolean) | null {
  return allOf(compileConditions(conds, schema));
}

/** One filter checking compiled conditions in turn; null for none. */
export function allOf(
  tests: readonly ((row: Row, ctx: EvalContext) => boolean)[],
): ((row: Row, ctx: EvalContext) => boolean) | null {
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (row, ctx) => passesConditions(tests, row, ctx, 0, tests.length);
}

/** Whether the row passes compiled conditions [from, to), checked in order. */
export function passesConditions(
  tests: readonly ((row: Row, ctx: EvalContext) => boolean)[],
  row: Row,
  ctx: EvalContext,
  from: number,
  to: number,
): boolean {
  for (let i = from; i < to; i++) if (!tests[i]!(row, ctx)) return false;
  return true;
}

/** Each condition as its own test, compiled once (for readers that check them one at a time). */
export function compileConditions(
  conds: readonly Expression[],
  schema: readonly Column[],
): ((row: Row, ctx: EvalContext) => boolean)[] {
  return compileAll(conds, schema).map((f) => (row, ctx) => isTrue(f(row, ctx)));
}

/** Drains an executor into one array. */
export async function drain(e: Executor): Promise<Row[]> {
  const out: Row[] = [];
  for (let b = await e.next(); b; b = await e.next()) for (const r of b) out.push(r);
  return out;
}
