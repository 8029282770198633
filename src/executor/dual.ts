import type { EvalFn, Expression } from '../expression/expression.js';
import type { Row } from '../types/value.js';
import { compileAll, type ExecContext, Executor } from './executor.js';

/** Constant rows (SELECT without FROM, VALUES, a pruned-away table). */
export class DualExec extends Executor {
  private done = false;
  private fns: EvalFn[][] = [];
  constructor(
    ctx: ExecContext,
    private readonly rows: readonly (readonly Expression[])[],
  ) {
    super(ctx, []);
  }

  override async open(): Promise<void> {
    this.fns = this.rows.map((r) => compileAll(r, []));
  }

  async next(): Promise<Row[] | null> {
    if (this.done || this.fns.length === 0) return null;
    this.done = true;
    const ctx = this.ctx.evalCtx;
    return this.fns.map((r) => r.map((f) => f([], ctx)));
  }
}
