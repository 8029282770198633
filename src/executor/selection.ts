import type { Column, Expression } from '../expression/expression.js';
import type { Row } from '../types/value.js';
import { compileFilter, type ExecContext, Executor } from './executor.js';

export class SelectionExec extends Executor {
  private filter: ReturnType<typeof compileFilter> = null;
  constructor(
    ctx: ExecContext,
    child: Executor,
    private readonly conds: readonly Expression[],
    private readonly schema: readonly Column[],
  ) {
    super(ctx, [child]);
  }

  override async open(): Promise<void> {
    await super.open();
    this.filter = compileFilter(this.conds, this.schema);
  }

  async next(): Promise<Row[] | null> {
    const f = this.filter!;
    const ctx = this.ctx.evalCtx;
    for (;;) {
      const batch = await this.children[0]!.next();
      if (!batch) return null;
      const out = batch.filter((r) => f(r, ctx));
      if (out.length) return out;
    }
  }
}
