import { type IndexInfo, pkHandleColumn, type TableInfo } from '../catalog/model.js';
import type { EvalContext } from '../expression/eval-context.js';
import type { Column, Expression } from '../expression/expression.js';
import type { DataSource } from '../planner/plans.js';
import { encodeIndexKey } from '../table/codec/key.js';
import { encodeKeyValues } from '../table/codec/memcomparable.js';
import { partitionRouterOf } from '../table/partition.js';
import { rowFromStored, timestampPositions, timestampTypePositions, valuesToStored } from '../table/stored-time.js';
import { tableOf } from '../table/table.js';
import type { Row, Value } from '../types/value.js';
import { compileAll, compileFilter, type ExecContext, Executor } from './executor.js';
import { readIds } from './range-scan.js';
import { rowProjector } from './table-reader.js';

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
    // A partitioned table's point reads try each partition pruning left (one when located).
    let physIds = readIds(this.ds);
    let handles: Value[];
    if (this.handles) {
      handles = compileAll(this.handles, []).map((f) => f([], ctx));
    } else {
      const index = this.index!;
      const vals = compileAll(this.indexValues, []).map((f) => f([], ctx));
      const types = index.columns.map((c) => this.ds.table.columns[c.offset]!.type);
      const stored = valuesToStored(vals, timestampTypePositions(types), ctx.timeZoneOffsetMinutes);
      const encoded = encodeKeyValues(stored, types);
      if (index.primary && this.ds.table.isCommonHandle) {
        // A clustered primary key has no entries of its own: its encoded values are the row's handle,
        // read below from each partition it may be in.
        handles = [encoded];
      } else {
        const found = await this.lookupIndex(physIds, index, encoded);
        if (!found) return null;
        handles = [found.handle];
        physIds = [found.pid];
      }
    }
    const project = rowProjector(this.ds);
    const tsPos = timestampPositions(this.ds.table, this.ds.columnOffsets);
    const filter = compileFilter(this.ds.residual, this.schema);
    const seen = new Set<unknown>();
    const out: Row[] = [];
    const keys: string[] = [];
    const locate = this.handles && physIds.length > 1 ? handleLocator(this.ds.table, ctx) : undefined;
    for (const h of handles) {
      if (h === null || seen.has(h)) continue;
      seen.add(h);
      let stored: Value[] | undefined;
      let foundPid = physIds[0]!;
      for (const pid of locate ? locate(h, physIds) : physIds) {
        stored = await table.getRow(this.ctx.reader, h as number | bigint, pid);
        foundPid = pid;
        if (stored) break;
      }
      if (!stored) continue;
      const row = project(stored, h);
      if (tsPos.length) rowFromStored(row, tsPos, ctx.timeZoneOffsetMinutes);
      if (filter && !filter(row, ctx)) continue;
      out.push(row);
      keys.push(table.rowKey(h as number | bigint, foundPid));
    }
    if (this.ctx.lockRows && keys.length) await this.ctx.lockRows(keys);
    return out.length ? out : null;
  }

  private async lookupIndex(
    physIds: readonly number[],
    index: IndexInfo,
    encoded: string,
  ): Promise<{ handle: Value; pid: number } | undefined> {
    const table = tableOf(this.ds.table);
    if (index.global) {
      // One entry for the whole table, naming the partition of its row.
      const key = encodeIndexKey(this.ds.table.id, index.id, encoded);
      const entry = await this.ctx.reader.get(key);
      if (entry === undefined) return undefined;
      const pid = table.partitionOfEntry(entry);
      if (!physIds.includes(pid)) return undefined;
      return { handle: table.handleFromIndexEntry(index, key, entry) as Value, pid };
    }
    for (const pid of physIds) {
      const key = encodeIndexKey(pid, index.id, encoded);
      const entry = await this.ctx.reader.get(key);
      if (entry !== undefined) return { handle: table.handleFromIndexEntry(index, key, entry) as Value, pid };
    }
    return undefined;
  }
}

/**
 * When a partitioned table is partitioned on its integer handle alone, the one partition a handle
 * can live in (none when pruning left it out), so batch reads need not try every partition.
 */
function handleLocator(
  table: TableInfo,
  ctx: EvalContext,
): ((h: Value, physIds: readonly number[]) => readonly number[]) | undefined {
  const pk = pkHandleColumn(table);
  if (!pk || !table.partition) return undefined;
  const router = partitionRouterOf(table);
  if (router.offsets.length !== 1 || router.offsets[0] !== pk.offset) return undefined;
  const row: Value[] = new Array(table.columns.length).fill(null);
  return (h, physIds) => {
    row[pk.offset] = h;
    let pid: number;
    try {
      pid = router.locate(row, ctx);
    } catch {
      return [];
    }
    return physIds.includes(pid) ? [pid] : [];
  };
}
