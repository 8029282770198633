// INSERT [IGNORE] / REPLACE / INSERT ... ON DUPLICATE KEY UPDATE.
import type { TableInfo } from '../../catalog/model.js';
import { ER, sqlError, TiLiteError, warningFrom } from '../../errors/index.js';
import type { EvalFn } from '../../expression/expression.js';
import type { InsertPlan } from '../../planner/builder/insert.js';
import { violatedCheck } from '../../planner/check-constraints.js';
import { checkPartitionSet, partitionRouterOf } from '../../table/partition.js';
import { rowFromStoredTable, rowToStored } from '../../table/stored-time.js';
import { type Handle, tableOf } from '../../table/table.js';
import type { Row, Value } from '../../types/value.js';
import { compileAll, resolverOf } from '../executor.js';
import {
  defaultFor,
  fillAutoIncrement,
  fillGenerated,
  rowIdSource,
  sameRow,
  storeValue,
  type WriteContext,
  type WriteResult,
} from './write-context.js';

export async function executeInsert(
  w: WriteContext,
  plan: InsertPlan,
  source: AsyncIterable<Row> | null,
): Promise<WriteResult> {
  const table = plan.table;
  const ctx = w.exec.evalCtx;
  const result: WriteResult = { affectedRows: 0, lastInsertId: 0, duplicates: 0, records: 0 };
  const valueFns = plan.rows?.map((r) => r.map((e) => (e ? compileAll([e], [])[0]! : undefined)));
  const dupFns = plan.onDuplicate?.map((a) => ({
    offset: a.offset,
    fn: a.expr.compile(resolverOf(plan.onDuplicateSchema!)),
  }));
  const listed = new Set(plan.columns);
  // Per-statement facts, not per row: which columns take defaults, whether one is AUTO_INCREMENT.
  const unlisted = table.columns.filter((col) => !listed.has(col.offset) && !col.generated);
  const listedCols = plan.columns.map((off) => table.columns[off]!);
  const hasAutoIncrement = table.columns.some((c) => c.autoIncrement || c.autoRandomBits !== undefined);
  let rowNo = 0;
  const insertOne = async (values: (Value | undefined)[]) => {
    rowNo++;
    result.records!++;
    const row: Value[] = new Array(table.columns.length).fill(null);
    for (const col of unlisted) row[col.offset] = col.state === 'public' && !col.hidden ? defaultFor(w, col) : null;
    for (let i = 0; i < listedCols.length; i++) {
      const col = listedCols[i]!;
      if (col.generated) continue;
      const v = values[i];
      row[col.offset] = v === undefined ? defaultFor(w, col) : storeValue(w, col, v, rowNo);
    }
    const generated = hasAutoIncrement ? await fillAutoIncrement(w, table, row) : 0;
    fillGenerated(w, table, plan.generated, row, rowNo);
    if (generated && !result.lastInsertId) result.lastInsertId = generated;
    if (!passesChecks(w, plan, row)) return;
    const pid = locateForInsert(w, plan, row);
    if (pid === undefined) return;
    await writeRow(w, plan, row, pid, dupFns, result);
  };
  if (valueFns) {
    for (const fns of valueFns) {
      const values = fns.map((f) => (f ? f([], ctx) : undefined));
      await insertOne(values.length === 0 && plan.columns.length ? plan.columns.map(() => undefined) : values);
    }
  } else if (source) {
    for await (const r of source) await insertOne(r);
  }
  return result;
}

/** Whether a new row satisfies the table's enforced checks; INSERT IGNORE skips a violating row with a warning. */
function passesChecks(w: WriteContext, plan: InsertPlan, row: readonly Value[]): boolean {
  if (plan.checks.length === 0) return true;
  const name = violatedCheck(plan.checks, row, w.exec.evalCtx);
  if (name === undefined) return true;
  if (!plan.ignore) throw sqlError(ER.CHECK_CONSTRAINT_VIOLATED, name);
  w.exec.evalCtx.appendWarning(warningFrom(ER.CHECK_CONSTRAINT_VIOLATED, name));
  return false;
}

/**
 * The partition a new row goes to (the table's own id when unpartitioned); undefined when INSERT
 * IGNORE skips a row that no partition (or no selected partition) admits.
 */
function locateForInsert(w: WriteContext, plan: InsertPlan, row: Value[]): number | undefined {
  const table = plan.table;
  if (!table.partition) return table.id;
  try {
    const pid = partitionRouterOf(table).locate(row, w.exec.evalCtx);
    checkPartitionSet(pid, plan.explicitPartitions);
    return pid;
  } catch (e) {
    if (!(plan.ignore && e instanceof TiLiteError)) throw e;
    w.exec.evalCtx.appendWarning({ level: 'Warning', code: e.code, message: e.message });
    return undefined;
  }
}

async function writeRow(
  w: WriteContext,
  plan: InsertPlan,
  row: Value[],
  pid: number,
  dupFns: { offset: number; fn: EvalFn }[] | undefined,
  result: WriteResult,
): Promise<void> {
  const table = plan.table;
  const rt = tableOf(table);
  const ctx = w.exec.evalCtx;
  // The table layer sees storage form (TIMESTAMP in UTC); expressions see the session zone.
  const tz = ctx.timeZoneOffsetMinutes;
  const stored = rowToStored(table, row, tz);
  if (!plan.replace && !dupFns) {
    const sp = w.txn.savepoint();
    try {
      await rt.addRecord(w.txn, stored, { rowIds: rowIdSource(w, table), physicalId: pid });
      result.affectedRows++;
    } catch (e) {
      if (!(plan.ignore && e instanceof TiLiteError && e.code === ER.DUP_ENTRY.code)) throw e;
      w.txn.rollbackTo(sp);
      ctx.appendWarning({ level: 'Warning', code: e.code, message: e.message });
      result.duplicates!++;
    }
    return;
  }
  for (let attempt = 0; attempt < 64; attempt++) {
    const dup = await rt.findDuplicate(w.txn, stored, rt.handleOf(stored), pid);
    // MySQL's "Duplicates": rows that met an existing key (replaced, updated or left as they were).
    if (dup && attempt === 0) result.duplicates!++;
    if (!dup) {
      await rt.addRecord(w.txn, stored, { rowIds: rowIdSource(w, table), dupCheck: 'none', physicalId: pid });
      result.affectedRows++;
      return;
    }
    // A global unique index finds conflicts in other partitions too: the old row is in the duplicate's.
    const storedOld = await rt.getRow(w.txn, dup.handle, dup.physicalId);
    if (!storedOld) throw sqlError(ER.DUP_ENTRY, dup.text, dup.keyName);
    if (plan.replace) {
      // The same row again: nothing to delete or insert, one row affected (TiDB's REPLACE).
      if (sameRow(table, storedOld, stored)) {
        result.affectedRows++;
        return;
      }
      await rt.removeRecord(w.txn, dup.handle, storedOld, dup.physicalId);
      result.affectedRows++;
      continue;
    }
    const old = rowFromStoredTable(table, [...storedOld], tz);
    const updated = [...old];
    const evalRow = [...old, ...row];
    for (const a of dupFns!) {
      const v = a.fn(evalRow, ctx);
      const col = table.columns[a.offset]!;
      updated[a.offset] = storeValue(w, col, v, 1);
      evalRow[a.offset] = updated[a.offset]!;
    }
    fillGenerated(w, table, plan.generated, updated, 1);
    if (sameRow(table, old, updated)) return;
    if (!passesChecks(w, plan, updated)) return;
    await moveOrUpdate(w, table, dup.handle, old, updated, dup.physicalId, plan.explicitPartitions);
    result.affectedRows += 2;
    return;
  }
  throw sqlError(ER.DUP_ENTRY, '', 'PRIMARY');
}

/**
 * Replaces a row of a (possibly partitioned) table: in place when it stays in its partition, else
 * removed from the old partition and added to the one its new values route to.
 */
export async function moveOrUpdate(
  w: WriteContext,
  table: TableInfo,
  handle: Handle,
  oldRow: readonly Value[],
  newRow: readonly Value[],
  pid: number,
  allowed: readonly number[] | undefined,
): Promise<void> {
  const rt = tableOf(table);
  const newPid = table.partition ? partitionRouterOf(table).locate(newRow, w.exec.evalCtx) : pid;
  const tz = w.exec.evalCtx.timeZoneOffsetMinutes;
  const storedOld = rowToStored(table, oldRow, tz);
  const storedNew = rowToStored(table, newRow, tz);
  if (newPid === pid) {
    await rt.updateRecord(w.txn, handle, storedOld, storedNew, pid);
    return;
  }
  checkPartitionSet(newPid, allowed);
  await rt.removeRecord(w.txn, handle, storedOld, pid);
  await rt.addRecord(w.txn, storedNew, { physicalId: newPid, handle: rt.handleOf(storedNew) ?? handle });
}
