import type { Column } from '../expression/expression.js';
import type { DataSource } from '../planner/plans.js';
import type { Row } from '../types/value.js';
import { BATCH_SIZE, compileFilter, type ExecContext, Executor } from './executor.js';

/** Reads a virtual table (information_schema) materialized by the session layer. */
export class MemTableExec extends Executor {
  private rows: Row[] | null = null;
  private pos = 0;
  constructor(
    ctx: ExecContext,
    private readonly ds: DataSource,
    private readonly schema: readonly Column[],
  ) {
    super(ctx, []);
  }

  async next(): Promise<Row[] | null> {
    if (!this.rows) {
      const all = await this.ctx.virtualRows(this.ds.table);
      const filter = compileFilter(this.ds.residual, this.schema);
      const offs = this.ds.columnOffsets;
      const ctx = this.ctx.evalCtx;
      this.rows = [];
      for (const r of all) {
        const row = offs.map((o) => (o < 0 ? null : (r[o] ?? null)));
        if (!filter || filter(row, ctx)) this.rows.push(row);
      }
    }
    if (this.pos >= this.rows.length) return null;
    const b = this.rows.slice(this.pos, this.pos + BATCH_SIZE);
    this.pos += b.length;
    return b;
  }
}
