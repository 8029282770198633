// WITH ROLLUP's Expand: every input row once per grouping set (see plans.ts Expand).
import type { Column, EvalFn, Expression } from '../expression/expression.js';
import type { Row, Value } from '../types/value.js';
import { compileAll, type ExecContext, Executor } from './executor.js';

export class ExpandExec extends Executor {
  private fns: EvalFn[] = [];
  constructor(
    ctx: ExecContext,
    child: Executor,
    private readonly groupExprs: readonly Expression[],
    private readonly childSchema: readonly Column[],
  ) {
    super(ctx, [child]);
  }

  override async open(): Promise<void> {
    await super.open();
    this.fns = compileAll(this.groupExprs, this.childSchema);
  }

  async next(): Promise<Row[] | null> {
    const batch = await this.children[0]!.next();
    if (!batch) return null;
    const n = this.fns.length;
    const ctx = this.ctx.evalCtx;
    const out: Row[] = [];
    const keys: Value[] = new Array(n);
    for (const row of batch) {
      for (let i = 0; i < n; i++) keys[i] = this.fns[i]!(row, ctx);
      // Level k keeps the first k group items; the others are rolled up (NULL, their gid bit set).
      for (let k = n; k >= 0; k--) {
        const r: Row = row.slice();
        let gid = 0;
        for (let i = 0; i < n; i++) {
          if (i < k) r.push(keys[i]!);
          else {
            r.push(null);
            gid |= 1 << i;
          }
        }
        r.push(gid);
        out.push(r);
      }
    }
    return out;
  }
}
