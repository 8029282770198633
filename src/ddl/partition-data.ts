// Data work of partition management inside the DDL transaction: reading the rows of physical
// tables, writing them into the partitions the new definition routes them to (with index entries),
// and deleting the old key ranges. Any failure aborts the whole DDL transaction.
import type { TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { Snapshot, Transaction } from '../kv/kv.js';
import { partitionRouterOf } from '../table/partition.js';
import { rowFromStoredTable } from '../table/stored-time.js';
import { type Handle, tableOf } from '../table/table.js';
import type { Value } from '../types/value.js';
import { type DdlContext, deleteTableData } from './context.js';
import { partitionEvalContext } from './partition-eval.js';

export interface StoredRow {
  handle: Handle;
  row: Value[];
}

/** Every row of one physical table of `info`. */
export async function readPhysical(txn: Transaction, info: TableInfo, pid: number): Promise<StoredRow[]> {
  const t = tableOf(info);
  const out: StoredRow[] = [];
  const [start, end] = t.recordRange(pid);
  for await (const batch of txn.scan(start, end)) for (const p of batch) out.push(t.decodeRecord(p.key, p.value));
  return out;
}

/** Counts the rows of one physical table. */
export async function countPhysical(txn: Snapshot, info: TableInfo, pid: number): Promise<number> {
  let n = 0;
  const [start, end] = tableOf(info).recordRange(pid);
  for await (const batch of txn.scan(start, end)) n += batch.length;
  return n;
}

/**
 * Deletes a partition's data: its key range, and the entries its rows (`rows`, read when not given)
 * have in the table's global indexes, which live under the table's id instead.
 */
export async function deletePartitionData(
  txn: Transaction,
  info: TableInfo,
  pid: number,
  rows?: readonly StoredRow[],
): Promise<void> {
  const t = tableOf(info);
  const globals = t.indexes.filter((l) => l.info.global);
  if (globals.length > 0) {
    for (const r of rows ?? (await readPhysical(txn, info, pid)))
      for (const l of globals) txn.delete(t.indexEntry(l, r.row, r.handle, pid)[0]);
  }
  await deleteTableData(txn, pid);
}

/** The physical table a row belongs to under `info` (the table itself when not partitioned); -1 when none. */
export function routeRow(info: TableInfo, row: readonly Value[], ctx: DdlContext): number {
  if (!info.partition) return info.id;
  const router = partitionRouterOf(info);
  const evalCtx = partitionEvalContext(ctx, false);
  const idx = router.locateIndex(sessionRow(info, row, evalCtx.timeZoneOffsetMinutes), evalCtx);
  return idx < 0 ? -1 : info.partition.definitions[idx]!.id;
}

/**
 * Moves the rows of `fromPids` (physical tables of oldInfo) into the partitions of newInfo, deleting
 * the old ranges. `targets`, when given, limits where rows may go: a row routed elsewhere (or
 * nowhere) fails the statement with 1526, as a reorganization that drops values must.
 */
export async function moveRows(
  txn: Transaction,
  ctx: DdlContext,
  oldInfo: TableInfo,
  fromPids: readonly number[],
  newInfo: TableInfo,
  targets?: ReadonlySet<number>,
): Promise<number> {
  const rows: StoredRow[] = [];
  for (const pid of fromPids) {
    const part = await readPhysical(txn, oldInfo, pid);
    await deletePartitionData(txn, oldInfo, pid, part);
    for (const r of part) rows.push(r);
  }
  const router = newInfo.partition ? partitionRouterOf(newInfo) : undefined;
  const evalCtx = partitionEvalContext(ctx, false);
  const target = tableOf(newInfo);
  for (const r of rows) {
    let pid = newInfo.id;
    let values: Value[] = [];
    if (router) {
      const row = sessionRow(newInfo, r.row, evalCtx.timeZoneOffsetMinutes);
      values = router.valuesOf(row, evalCtx);
      const idx = router.indexOfValues(values);
      if (idx < 0) throw router.noPartitionError(values);
      pid = newInfo.partition!.definitions[idx]!.id;
    }
    // A row the reorganized partitions cannot hold: the error names its value as an INSERT's would.
    if (targets && !targets.has(pid)) {
      throw router ? router.noPartitionError(values) : sqlError(ER.NO_PARTITION_FOR_GIVEN_VALUE, 'from column_list');
    }
    await target.addRecord(txn, r.row, { physicalId: pid, handle: r.handle });
  }
  return rows.length;
}

/** A stored row as the session sees it (TIMESTAMPs in its zone), which partition expressions evaluate in. */
function sessionRow(info: TableInfo, row: readonly Value[], tz: number): readonly Value[] {
  return tz === 0 ? row : rowFromStoredTable(info, [...row], tz);
}

/** The largest integer handle among rows (for rebasing a row id allocator), or 0. */
export function maxIntHandle(rows: readonly StoredRow[]): bigint {
  let max = 0n;
  for (const r of rows) {
    if (typeof r.handle !== 'string' && BigInt(r.handle) > max) max = BigInt(r.handle);
  }
  return max;
}
