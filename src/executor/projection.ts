import type { Column, EvalFn, Expression } from '../expression/expression.js';
import type { Row } from '../types/value.js';
import { compileAll, type ExecContext, Executor } from './executor.js';

export class ProjectionExec extends Executor {
  private fns: EvalFn[] = [];
  constructor(
    ctx: ExecContext,
    child: Executor,
    private readonly exprs: readonly Expression[],
    private readonly childSchema: readonly Column[],
  ) {
    super(ctx, [child]);
  }

  override async open(): Promise<void> {
    await super.open();
    this.fns = compileAll(this.exprs, this.childSchema);
  }

  async next(): Promise<Row[] | null> {
    const batch = await this.children[0]!.next();
    if (!batch) return null;
    const fns = this.fns;
    const ctx = this.ctx.evalCtx;
    const n = fns.length;
    const out: Row[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!;
      const r: Row = new Array(n);
      for (let j = 0; j < n; j++) r[j] = fns[j]!(row, ctx);
      out[i] = r;
    }
    return out;
  }
}
