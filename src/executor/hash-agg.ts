import { type Accumulator, newAccumulator } from '../expression/aggregation/accumulator.js';
import type { AggFuncDesc } from '../expression/aggregation/desc.js';
import type { Column, EvalFn, Expression } from '../expression/expression.js';
import { type KeyFn, keyFnFor } from '../expression/value-compare.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, compileAll, type ExecContext, Executor } from './executor.js';
import { rowSize } from './mem-tracker.js';

/**
 * A group's state in one array: its accumulators, then the first row's value of each `firstRows`
 * expression. Groups live until the aggregation ends (a GROUP BY of many keys holds many), so each is
 * one object beside its accumulators; at the end the array becomes the group's output row.
 */
type Group = (Accumulator | Value)[];

/** The key of NULL at a level of a GroupIndex: no value's key is this object. */
const NULL_GROUP = {};

/**
 * Groups by their key values, one Map level per GROUP BY column: a row's group is found without building
 * a key string for it (strings would be allocated and hashed row after row).
 */
class GroupIndex {
  private readonly root = new Map<unknown, unknown>();
  constructor(
    private readonly keyFns: readonly KeyFn[],
    /** Makes the group of a key met for the first time, from the row that brought it. */
    private readonly make: (row: Row) => Group,
  ) {}

  /** The group of the key values `vals` of `row`. */
  find(vals: readonly Value[], row: Row): Group {
    const fns = this.keyFns;
    let level = this.root;
    const last = fns.length - 1;
    for (let i = 0; i < last; i++) {
      const v = vals[i]!;
      const k = v === null ? NULL_GROUP : fns[i]!(v);
      let next = level.get(k) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        level.set(k, next);
      }
      level = next;
    }
    const v = vals[last]!;
    const k = v === null ? NULL_GROUP : fns[last]!(v);
    let g = level.get(k) as Group | undefined;
    if (!g) {
      g = this.make(row);
      level.set(k, g);
    }
    return g;
  }
}

/**
 * Hash aggregation: one group per distinct group-by key; output is each aggregate's result then
 * the first row's value of each `firstRows` expression. Without GROUP BY an empty input still
 * yields one row (COUNT 0, others NULL).
 */
export class HashAggExec extends Executor {
  private out: Row[] | null = null;
  private pos = 0;
  constructor(
    ctx: ExecContext,
    child: Executor,
    private readonly groupBy: readonly Expression[],
    private readonly aggs: readonly AggFuncDesc[],
    private readonly firstRows: readonly Expression[],
    private readonly childSchema: readonly Column[],
  ) {
    super(ctx, [child]);
  }

  async next(): Promise<Row[] | null> {
    if (!this.out) this.out = await this.aggregate();
    if (this.pos >= this.out.length) return null;
    const b = this.out.slice(this.pos, this.pos + BATCH_SIZE);
    this.pos += b.length;
    return b;
  }

  private async aggregate(): Promise<Row[]> {
    const ctx = this.ctx.evalCtx;
    const keyFns = compileAll(this.groupBy, this.childSchema);
    // GROUP_CONCAT's ORDER BY keys follow its arguments: the accumulator sorts on them.
    const argFns: EvalFn[][] = this.aggs.map((a) =>
      compileAll([...a.args, ...(a.orderBy ?? []).map((o) => o.expr)], this.childSchema),
    );
    const firstFns = compileAll(this.firstRows, this.childSchema);
    const nAcc = this.aggs.length;
    const order: Group[] = [];
    const newGroup = (row: Row | null): Group => {
      const g: Group = new Array(nAcc + firstFns.length);
      for (let i = 0; i < nAcc; i++) g[i] = newAccumulator(this.aggs[i]!, ctx);
      for (let j = 0; j < firstFns.length; j++) g[nAcc + j] = row ? firstFns[j]!(row, ctx) : null;
      return g;
    };
    // A new group is counted in the result order and the statement's memory.
    const make = (row: Row): Group => {
      const g = newGroup(row);
      order.push(g);
      // The accumulators' places hold no values yet: only the first-row values are sized.
      this.ctx.memTracker?.consume(64 + 64 * nAcc + 2 * rowSize(g as Row, nAcc));
      return g;
    };
    const index = keyFns.length
      ? new GroupIndex(
          this.groupBy.map((g) => keyFnFor(g.type)),
          make,
        )
      : null;
    let single: Group | undefined;
    const keyVals: Value[] = new Array(keyFns.length);
    // Argument buffers reused for every row: accumulators copy what they keep.
    const argVals: Value[][] = argFns.map((fns) => new Array(fns.length));
    for (let b = await this.children[0]!.next(); b; b = await this.children[0]!.next()) {
      this.ctx.checkKilled();
      for (const row of b) {
        let g: Group;
        if (index) {
          for (let i = 0; i < keyFns.length; i++) keyVals[i] = keyFns[i]!(row, ctx);
          g = index.find(keyVals, row);
        } else {
          single ??= make(row);
          g = single;
        }
        for (let i = 0; i < nAcc; i++) {
          const fns = argFns[i]!;
          const args = argVals[i]!;
          for (let j = 0; j < fns.length; j++) args[j] = fns[j]!(row, ctx);
          (g[i] as Accumulator).add(args, ctx);
        }
      }
    }
    if (order.length === 0 && this.groupBy.length === 0) order.push(newGroup(null));
    // Each group's array becomes its output row: results in place of the accumulators.
    for (const g of order) for (let i = 0; i < nAcc; i++) g[i] = (g[i] as Accumulator).result(ctx);
    return order as Row[];
  }
}
