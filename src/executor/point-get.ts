import type { IndexInfo } from '../catalog/model.js';
import type { Column, Expression } from '../expression/expression.js';
import type { DataSource } from '../planner/plans.js';
import { encodeIndexKey } from '../table/codec/key.js';
import { encodeKeyValues } from '../table/codec/memcomparable.js';
import { tableOf } from '../table/table.js';
import type { Row, Value } from '../types/value.js';
import { compileAll, compileFilter, type ExecContext, Executor } from './executor.js';
import { readIds, rowProjector } from './table-reader.js';

/**
 * Point and batch point reads by handle, or by the full key of a unique index: no scan, no range
 * building at run time (TiDB's Point_Get / Batch_Point_Get).
 */
export class PointGetExec extends Executor {
  private done = false;
  constructor(
    ctx: ExecContext,
    private readonly ds: DataSource,
    private readonly handles: readonly Expression[] | null,
    private readonly index: IndexInfo | null,
    private readonly indexValues: readonly Expression[],
    private readonly schema: readonly Column[],
  ) {
    super(ctx, []);
  }

  async next(): Promise<Row[] | null> {
    if (this.done) return null;
    this.done = true;
    const ctx = this.ctx.evalCtx;
    const table = tableOf(this.ds.table);
    const physId = readIds(this.ds)[0]!;
    let handles: Value[];
    if (this.handles) {
      handles = compileAll(this.handles, []).map((f) => f([], ctx));
    } else {
      const index = this.index!;
      const vals = compileAll(this.indexValues, []).map((f) => f([], ctx));
      const types = index.columns.map((c) => this.ds.table.columns[c.offset]!.type);
      const key = encodeIndexKey(physId, index.id, encodeKeyValues(vals, types));
      const entry = await this.ctx.reader.get(key);
      if (entry === undefined) return null;
      handles = [table.handleFromIndexEntry(index, key, entry) as Value];
    }
    const project = rowProjector(this.ds);
    const filter = compileFilter(this.ds.residual, this.schema);
    const seen = new Set<unknown>();
    const out: Row[] = [];
    const keys: string[] = [];
    for (const h of handles) {
      if (h === null || seen.has(h)) continue;
      seen.add(h);
      const stored = await table.getRow(this.ctx.reader, h as number | bigint, physId);
      if (!stored) continue;
      const row = project(stored, h);
      if (filter && !filter(row, ctx)) continue;
      out.push(row);
      keys.push(table.rowKey(h as number | bigint, physId));
    }
    if (this.ctx.lockRows && keys.length) await this.ctx.lockRows(keys);
    return out.length ? out : null;
  }
}
