// UPDATE (single and multi-table): rows come from the DML source plan; assignments are evaluated
// left to right, each seeing the values assigned before it.
import type { TableInfo } from '../../catalog/model.js';
import { ER, sqlError, TiLiteError } from '../../errors/index.js';
import type { Column, EvalFn, Expression } from '../../expression/expression.js';
import type { DmlTarget } from '../../planner/builder/dml.js';
import { verifyChecks } from '../../planner/check-constraints.js';
import { rowToStored } from '../../table/stored-time.js';
import { type Handle, tableOf } from '../../table/table.js';
import type { Row, Value } from '../../types/value.js';
import type { EvalContext } from '../../expression/eval-context.js';
import { partitionRouterOf } from '../../table/partition.js';
import { compileAll } from '../executor.js';
import { rebaseAutoId } from '../../table/auto-id.js';
import { moveOrUpdate } from './insert.js';
import { fillGenerated, sameRow, storeValue, type WriteContext, type WriteResult } from './write-context.js';

export interface UpdateAssignment {
  target: number;
  offset: number;
  expr: Expression;
}

export async function executeUpdate(
  w: WriteContext,
  rows: AsyncIterable<Row>,
  schema: readonly Column[],
  targets: readonly DmlTarget[],
  assignments: readonly UpdateAssignment[],
): Promise<WriteResult> {
  const ctx = w.exec.evalCtx;
  const fns: EvalFn[] = compileAll(
    assignments.map((a) => a.expr),
    schema,
  );
  const result: WriteResult = { affectedRows: 0, lastInsertId: 0, matched: 0, changed: 0 };
  const done = targets.map(() => new Set<string>());
  let rowNo = 0;
  for await (const row of rows) {
    rowNo++;
    const work = [...row];
    const touched = new Set<number>();
    for (let i = 0; i < assignments.length; i++) {
      const a = assignments[i]!;
      const t = targets[a.target]!;
      if (handleOf(t, work) === null) continue;
      const col = t.table.columns[a.offset]!;
      const v = storeValue(w, col, fns[i]!(work, ctx), rowNo, false);
      const idx = t.columnIndexes[a.offset]!;
      work[idx] = v;
      touched.add(a.target);
    }
    for (const ti of touched) {
      const t = targets[ti]!;
      const handle = handleOf(t, row, ctx.timeZoneOffsetMinutes)!;
      const key = String(handle);
      if (done[ti]!.has(key)) continue;
      done[ti]!.add(key);
      result.matched!++;
      const oldRow = fullRow(t, row);
      const newRow = fullRow(t, work);
      fillGenerated(w, t.table, t.generated, newRow, rowNo);
      if (sameRow(t.table, oldRow, newRow)) continue;
      const sp = w.txn.savepoint();
      try {
        verifyChecks(t.checks, newRow, ctx);
        await moveOrUpdate(w, t.table, handle, oldRow, newRow, physicalIdOf(t, oldRow, ctx), t.explicitPartitions);
        await rebaseUpdatedAutoId(w, t.table, oldRow, newRow);
      } catch (e) {
        if (!(w.ignore && e instanceof TiLiteError && IGNORABLE.has(e.code))) throw e;
        w.txn.rollbackTo(sp);
        ctx.appendWarning({ level: 'Warning', code: e.code, message: e.message });
        continue;
      }
      result.changed!++;
      result.affectedRows++;
    }
  }
  return result;
}

/** An AUTO_INCREMENT column updated past the allocator moves it on, as MySQL 8 and TiDB do. */
async function rebaseUpdatedAutoId(w: WriteContext, table: TableInfo, oldRow: Value[], newRow: Value[]): Promise<void> {
  const col = table.columns.find((c) => c.autoIncrement);
  if (!col) return;
  const v = newRow[col.offset];
  if ((typeof v === 'number' || typeof v === 'bigint') && v > 0 && v !== oldRow[col.offset]) {
    await rebaseAutoId(w.storage, table.id, v);
  }
}

/** Errors UPDATE IGNORE turns into warnings. */
const IGNORABLE = new Set([
  ER.DUP_ENTRY.code,
  ER.NO_PARTITION_FOR_GIVEN_VALUE.code,
  ER.ROW_DOES_NOT_MATCH_GIVEN_PARTITION_SET.code,
  ER.CHECK_CONSTRAINT_VIOLATED.code,
]);

/** The partition a stored row lives in (re-located from its values), or the table's id. */
export function physicalIdOf(t: DmlTarget, row: readonly Value[], ctx: EvalContext): number {
  return t.table.partition ? partitionRouterOf(t.table).locate(row, ctx) : t.table.id;
}

/** A row's handle; `tz` is the session zone the row's TIMESTAMP values are in (a clustered key holds UTC). */
export function handleOf(t: DmlTarget, row: Row, tz = 0): Handle | null {
  if (t.handleIndex >= 0) return row[t.handleIndex] as Handle | null;
  const h = tableOf(t.table).handleOf(rowToStored(t.table, fullRow(t, row), tz));
  if (h === undefined) throw sqlError(ER.NOT_SUPPORTED_YET, 'row without handle');
  return h;
}

export function fullRow(t: DmlTarget, row: Row): Value[] {
  return t.columnIndexes.map((i) => (i < 0 ? null : row[i]!));
}
