import type { SortItem } from '../planner/plans.js';
import type { Column } from '../expression/expression.js';
import { orderComparatorFor } from '../expression/value-compare.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, compileAll, type ExecContext, Executor } from './executor.js';
import { rowSize } from './mem-tracker.js';

/** Compiles ORDER BY items into a row comparator over precomputed keys (NULLs first ascending, as MySQL). */
export function sortKeyComparator(items: readonly SortItem[]): (a: Value[], b: Value[]) => number {
  const cmps = items.map((i) => orderComparatorFor(i.expr.type));
  const dirs = items.map((i) => (i.desc ? -1 : 1));
  return (a, b) => {
    for (let i = 0; i < cmps.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      let c: number;
      if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
      else c = cmps[i]!(x, y);
      if (c !== 0) return c * dirs[i]!;
    }
    return 0;
  };
}

/** Materializes and sorts (stable); TopN keeps only offset+count rows. */
export class SortExec extends Executor {
  private sorted: Row[] | null = null;
  private pos = 0;
  constructor(
    ctx: ExecContext,
    child: Executor,
    private readonly items: readonly SortItem[],
    private readonly childSchema: readonly Column[],
    private readonly offset = 0,
    private readonly count = Number.POSITIVE_INFINITY,
  ) {
    super(ctx, [child]);
  }

  async next(): Promise<Row[] | null> {
    if (!this.sorted) this.sorted = await this.sortAll();
    if (this.pos >= this.sorted.length) return null;
    const out = this.sorted.slice(this.pos, this.pos + BATCH_SIZE);
    this.pos += out.length;
    return out;
  }

  private async sortAll(): Promise<Row[]> {
    const keyFns = compileAll(
      this.items.map((i) => i.expr),
      this.childSchema,
    );
    const ctx = this.ctx.evalCtx;
    const entries: { key: Value[]; row: Row; seq: number }[] = [];
    let seq = 0;
    for (let b = await this.children[0]!.next(); b; b = await this.children[0]!.next()) {
      for (const row of b) entries.push({ key: keyFns.map((f) => f(row, ctx)), row, seq: seq++ });
      const mem = this.ctx.memTracker;
      if (mem) for (const row of b) mem.consume(rowSize(row) + 48);
    }
    const cmp = sortKeyComparator(this.items);
    entries.sort((a, b) => cmp(a.key, b.key) || a.seq - b.seq);
    const end = Number.isFinite(this.count) ? this.offset + this.count : entries.length;
    return entries.slice(this.offset, end).map((e) => e.row);
  }
}
