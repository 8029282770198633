// TiDB's IndexMergeJoin: each task's outer rows are ordered by the join keys and merged with the
// inner rows, which the inner side reads in key order. Tasks are consumed in outer order, so an
// outer side already sorted by the keys keeps its order.
import type { EvalContext } from '../../expression/eval-context.js';
import { comparatorFor, type ValueComparator } from '../../expression/value-compare.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext, Executor } from '../executor.js';
import type { Join } from '../../planner/plans.js';
import { type IndexJoinOptions, IndexJoinBase } from './index-join-base.js';
import { type JoinTask, joinOuterRow } from './join-task.js';

interface Keyed {
  row: Row;
  key: Value[] | null;
  pos: number;
}

export class IndexMergeJoinExec extends IndexJoinBase {
  protected readonly ordered = true;
  private readonly comparators: ValueComparator[];

  constructor(ctx: ExecContext, outer: Executor, plan: Join, opts: IndexJoinOptions) {
    super(ctx, outer, plan, opts);
    const innerIdx = 1 - plan.indexJoin!.outer;
    this.comparators = plan.eqConds.map((p) => comparatorFor(p[innerIdx]!.type));
  }

  private compare(a: readonly Value[], b: readonly Value[]): number {
    for (let i = 0; i < a.length; i++) {
      const c = this.comparators[i]!(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return 0;
  }

  protected afterBuild(task: JoinTask, ctx: EvalContext): void {
    const spec = this.spec;
    const inner: { row: Row; key: Value[] }[] = [];
    for (const row of task.innerRows) {
      const key = spec.innerKeys.map((f) => f(row, ctx));
      if (!key.includes(null)) inner.push({ row, key });
    }
    inner.sort((a, b) => this.compare(a.key, b.key));
    const outer: Keyed[] = task.outer.map((row, pos) => ({ row, key: task.outerKeys[pos] ?? null, pos }));
    // Rows without a usable key first (they match nothing), then by key; ties keep the outer order.
    outer.sort((a, b) => {
      if (!a.key || !b.key) return a.key ? 1 : b.key ? -1 : a.pos - b.pos;
      return this.compare(a.key, b.key) || a.pos - b.pos;
    });
    let j = 0;
    for (const o of outer) {
      if (!o.key) {
        joinOuterRow(spec, o.row, undefined, ctx, task.output);
        continue;
      }
      while (j < inner.length && this.compare(inner[j]!.key, o.key) < 0) j++;
      let end = j;
      while (end < inner.length && this.compare(inner[end]!.key, o.key) === 0) end++;
      const run = end > j ? inner.slice(j, end).map((x) => x.row) : undefined;
      joinOuterRow(spec, o.row, run, ctx, task.output);
    }
  }

  protected consume(): void {}
}
